export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an unsorted sample (sorted in place). */
export function percentile(values: Float64Array | number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = values instanceof Float64Array ? values.sort() : values.sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The measured window of a closed-loop run: senders check `stop`, count only while `counting`. */
export interface Window {
  counting: boolean;
  stop: boolean;
}

/**
 * Starts `concurrency` senders, lets them warm up, opens the counting window for `seconds`, then stops
 * them and returns the window's length in seconds.
 */
export async function runWindow(opts: { concurrency: number; warmupS: number; seconds: number }, w: Window, sender: () => Promise<void>): Promise<number> {
  const senders = Array.from({ length: opts.concurrency }, sender);
  await sleep(opts.warmupS * 1000);
  w.counting = true;
  const start = performance.now();
  await sleep(opts.seconds * 1000);
  w.counting = false;
  const elapsed = (performance.now() - start) / 1000;
  w.stop = true;
  await Promise.all(senders);
  return elapsed;
}
