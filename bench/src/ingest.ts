import { type HookClient, PostErrors, inboundBody } from './hook-client.js';
import { sleep } from './stats.js';

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
  let counting = false;
  let stop = false;
  let counted = 0;

  const sender = async () => {
    while (!stop) {
      const s = seq++;
      try {
        const ok = errors.check(await client.post(inboundBody(opts.phase, s)));
        if (ok && counting) counted++;
      } catch (err) {
        errors.record(String(err));
        await sleep(50);
      }
    }
  };
  const senders = Array.from({ length: opts.concurrency }, sender);
  await sleep(opts.warmupS * 1000);
  counting = true;
  const start = performance.now();
  await sleep(opts.seconds * 1000);
  counting = false;
  const elapsed = (performance.now() - start) / 1000;
  stop = true;
  await Promise.all(senders);
  return { perSecond: counted / elapsed, posted: seq, errors };
}
