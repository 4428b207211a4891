import { sleep } from './stats.js';

export interface PacerResult {
  sent: number;
  /** How late the pacer fired its sends behind their schedule (event-loop delay in the load generator). */
  lagP99Ms: number;
}

/**
 * Open loop: send number i at start + i / rate whatever the responses do, so a slow server is
 * measured as slow rather than slowing the load (autocannon's overallRate sends per-second bursts
 * instead, which inflates latency). A late timer fires the overdue sends at once; that lag is
 * reported so a starved load generator is visible.
 */
export async function paced(rate: number, count: number, send: (i: number) => void): Promise<PacerResult> {
  const interval = 1000 / rate;
  const lags = new Float64Array(count);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    lags[i] = performance.now() - due;
    send(i);
  }
  lags.sort();
  return { sent: count, lagP99Ms: lags[Math.max(0, Math.ceil(0.99 * count) - 1)] };
}
