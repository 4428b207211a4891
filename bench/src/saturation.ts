/**
 * "At saturation" for a server that commits in groups: its throughput keeps rising with the requests in flight
 * (more of them share each transaction), so one closed-loop level measures that level, not the server's
 * capacity. Each level of offered load runs in turn, the highest throughput is the saturated figure, and every
 * level is reported next to it.
 */
export interface Sweep<R> {
  best: R;
  bestLevel: number;
  levels: Array<{ level: number; result: R }>;
}

export async function sweep<R>(levels: number[], run: (inFlight: number, index: number) => Promise<R>, throughput: (r: R) => number): Promise<Sweep<R>> {
  const results: Array<{ level: number; result: R }> = [];
  for (const [index, level] of levels.entries()) results.push({ level, result: await run(level, index) });
  const top = results.reduce((a, b) => (throughput(b.result) > throughput(a.result) ? b : a));
  return { best: top.result, bestLevel: top.level, levels: results };
}
