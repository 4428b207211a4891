/** The review's periods: the last week or the last month. */
export const reviewDays = [7, 30] as const;
export type ReviewDays = (typeof reviewDays)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last `days` days up to `now`, as the summary's ISO bounds. */
export function lastDays(days: number, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString() };
}

/** A share as a whole percentage; none of nothing is 0 %. */
export const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
