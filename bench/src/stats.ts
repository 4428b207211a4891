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
