import type WebSocket from 'ws';

/** Sockets that did not answer the previous ping are dead: dropped; the others are pinged again. */
export function pingOrDrop(groups: Iterable<Iterable<{ alive: boolean; ws: WebSocket }>>) {
  for (const group of groups) {
    for (const s of group) {
      if (!s.alive) {
        s.ws.terminate();
        continue;
      }
      s.alive = false;
      s.ws.ping();
    }
  }
}
