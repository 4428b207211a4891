import { type HookClient, PostErrors, inboundBody } from './hook-client.js';
import { type Window, runWindow, sleep } from './stats.js';

export interface SaturationOptions {
  concurrency: number;
  warmupS: number;
  seconds: number;
  /** Tags every message of the run, so its deliveries can be told apart from other runs'. */
  phase: number;
}

export interface IngestResult {
  perSecond: number;
  posted: number;
  errors: PostErrors;
}

/**
 * (a) Closed loop: `concurrency` senders, each POSTing its next signed message as soon as the
 * previous one is answered. Counts 200 answers completed inside the measured window.
 */
export async function measureIngest(client: HookClient, opts: SaturationOptions): Promise<IngestResult> {
  const errors = new PostErrors();
  let seq = 0;
  const w: Window = { counting: false, stop: false };
  let counted = 0;

  const sender = async () => {
    while (!w.stop) {
      const s = seq++;
      try {
        const ok = errors.check(await client.post(inboundBody(opts.phase, s)));
        if (ok && w.counting) counted++;
      } catch (err) {
        errors.record(String(err));
        await sleep(50);
      }
    }
  };
  const elapsed = await runWindow(opts, w, sender);
  return { perSecond: counted / elapsed, posted: seq, errors };
}
