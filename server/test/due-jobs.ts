import type { AppContext } from '../src/platform/context.js';
import type { Clock } from '../src/platform/clock.js';
import type { JobDefinition } from '../src/platform/queue/queue.js';
import type { TestApp } from './harness.js';

/**
 * Runs the jobs of this kind that are due on the test's clock, as pg-boss would when their time comes (pg-boss
 * itself keeps real time). `fired` keeps the ids already run, for tests that fire again later: the jobs stay
 * 'created' in pg-boss, which never saw them run. Returns how many ran.
 */
export async function runDueJobs<T extends { workspaceId: number }>(t: TestApp, clock: Clock, job: JobDefinition<T, AppContext>, fired?: Set<string>): Promise<number> {
  const { rows } = await t.ctx.database.executeSql(`SELECT id, data, start_after FROM pgboss.job WHERE name = $1 AND state = 'created' ORDER BY start_after`, [job.name]);
  const due = (rows as Array<{ id: string; data: T; start_after: string | Date }>).filter((r) => !fired?.has(r.id) && new Date(r.start_after).getTime() <= clock.now().getTime());
  for (const r of due) {
    fired?.add(r.id);
    await job.handle(t.ctx, r.data, { id: r.id, retryCount: 0, retryLimit: 0 });
  }
  return due.length;
}
