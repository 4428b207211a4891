import WebSocket from 'ws';

export interface EventFrame {
  type: 'event';
  event: { id: number; type: string; conversationId: number | null; teamId: number | null; assigneeId: number | null; payload: Record<string, unknown> };
}
export type Frame = EventFrame | { type: 'ready'; lastEventId: number } | { type: 'reset'; reason: string } | { type: 'pong' } | { type: 'error'; code: string; message: string };

/** A realtime client for tests: records every frame, and waits for the ones a test expects. */
export class SocketClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const w of [...this.waiters]) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of [...this.waiters]) w();
    }));
  }

  /** Opens a socket; `headers` carries the session cookie or the Authorization header. */
  static open(baseUrl: string, headers: Record<string, string> = {}): Promise<SocketClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/realtime`, { headers });
    const client = new SocketClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(frame: unknown) {
    this.ws.send(JSON.stringify(frame));
  }

  /** Subscribes and waits for the ready frame that ends the replay. */
  async subscribe(topics: string[], lastEventId?: number, timeoutMs = 10_000) {
    const from = this.frames.length;
    this.send({ type: 'subscribe', topics, ...(lastEventId === undefined ? {} : { lastEventId }) });
    return this.waitFor((f) => f.type === 'ready', timeoutMs, from) as Promise<{ type: 'ready'; lastEventId: number }>;
  }

  get events() {
    return this.frames.filter((f): f is EventFrame => f.type === 'event').map((f) => f.event);
  }

  get eventIds() {
    return this.events.map((e) => e.id);
  }

  /** The first frame (from index `from`) that satisfies `pred`; rejects after `timeoutMs`, or when the socket closes. */
  waitFor(pred: (f: Frame) => boolean, timeoutMs = 10_000, from = 0): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.frames.slice(from).find(pred);
        if (hit) return done(() => resolve(hit));
        if (this.ws.readyState === WebSocket.CLOSED) return done(() => reject(new Error(`socket closed while waiting; last frames: ${JSON.stringify(this.frames.slice(-3))}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${timeoutMs} ms; ${this.frames.length} frames, last: ${JSON.stringify(this.frames.slice(-3))}`))), timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        fn();
      };
      this.waiters.add(check);
      check();
    });
  }

  waitForEvent(id: number, timeoutMs = 10_000) {
    return this.waitFor((f) => f.type === 'event' && f.event.id >= id, timeoutMs);
  }

  close() {
    this.ws.close();
    return this.closed;
  }
}
