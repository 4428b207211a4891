import type { SocketClients } from './clients.js';
import { type HookClient, PostErrors, inboundBody } from './hook-client.js';
import type { SaturationOptions } from './ingest.js';
import { type Window, runWindow, sleep } from './stats.js';

export interface FanoutResult {
  deliveriesPerSecond: number;
  messagesPerSecond: number;
  /** Messages not received by every socket within `deliveryTimeoutMs`. */
  incomplete: number;
  errors: PostErrors;
}

/**
 * (b) Closed loop end to end: `concurrency` senders, each POSTing a message and waiting until
 * every socket has received it before sending the next. That saturates the whole path (ingest,
 * dispatch, fan-out) without piling up an unbounded backlog in the server. Counts the socket
 * deliveries of `message.created` received inside the measured window, over all clients.
 */
export async function measureFanout(client: HookClient, sockets: SocketClients, opts: SaturationOptions, deliveryTimeoutMs = 30_000): Promise<FanoutResult> {
  const errors = new PostErrors();
  const waiting = new Map<number, { remaining: number; done: () => void }>();
  let seq = 0;
  const run: Window = { counting: false, stop: false };
  let deliveries = 0;
  let messages = 0;
  let incomplete = 0;

  sockets.onDelivery((phase, s) => {
    if (phase !== opts.phase) return;
    if (run.counting) deliveries++;
    const w = waiting.get(s);
    if (w && --w.remaining === 0) {
      waiting.delete(s);
      w.done();
    }
  });

  const sender = async () => {
    while (!run.stop) {
      const s = seq++;
      let timer: NodeJS.Timeout | undefined;
      const delivered = new Promise<boolean>((resolve) => {
        waiting.set(s, { remaining: sockets.size, done: () => resolve(true) });
        timer = setTimeout(() => resolve(false), deliveryTimeoutMs);
      });
      try {
        if (!errors.check(await client.post(inboundBody(opts.phase, s)))) {
          waiting.delete(s);
          clearTimeout(timer);
          await sleep(50);
          continue;
        }
      } catch (err) {
        errors.record(String(err));
        waiting.delete(s);
        clearTimeout(timer);
        await sleep(50);
        continue;
      }
      const complete = await delivered;
      clearTimeout(timer);
      if (!complete) {
        waiting.delete(s);
        incomplete++;
      } else if (run.counting) messages++;
    }
  };

  const elapsed = await runWindow(opts, run, sender);
  sockets.onDelivery(() => {});
  return { deliveriesPerSecond: deliveries / elapsed, messagesPerSecond: messages / elapsed, incomplete, errors };
}
