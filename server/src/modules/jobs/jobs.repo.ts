import type { SqlExecutor } from '../../platform/db/db.js';

export interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  retry_limit: number;
  output: unknown;
  data: Record<string, unknown> | null;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  created_us: string | number;
}

const columns = `id, name, state::text AS state, retry_count, retry_limit, output, data, created_on, started_on, completed_on,
  floor(extract(epoch FROM created_on) * 1000000)::bigint AS created_us`;

/**
 * pg-boss's own tables, live jobs and the archive, filtered to one workspace by the workspaceId every
 * job's data carries. Newest first, keyset on (created time in microseconds, id).
 */
export async function listJobs(
  db: SqlExecutor,
  workspaceId: number,
  opts: { state?: string; queue?: string; before?: { createdUs: string; id: string }; limit: number },
): Promise<JobRow[]> {
  const values: unknown[] = [String(workspaceId)];
  const where = [`data->>'workspaceId' = $1`];
  if (opts.state) where.push(`state::text = $${values.push(opts.state)}`);
  if (opts.queue) where.push(`name = $${values.push(opts.queue)}`);
  if (opts.before) where.push(`(created_us, id) < ($${values.push(opts.before.createdUs)}::bigint, $${values.push(opts.before.id)}::uuid)`);
  const limit = `$${values.push(opts.limit)}`;
  const { rows } = await db.executeSql(
    `SELECT * FROM (
       SELECT ${columns} FROM pgboss.job
       UNION ALL
       SELECT ${columns} FROM pgboss.archive
     ) j
     WHERE ${where.join(' AND ')}
     ORDER BY created_us DESC, id DESC LIMIT ${limit}`,
    values,
  );
  return rows as JobRow[];
}

/** A live (not archived) job of the workspace. */
export async function findJob(db: SqlExecutor, workspaceId: number, queue: string, id: string): Promise<JobRow | undefined> {
  const { rows } = await db.executeSql(
    `SELECT ${columns} FROM pgboss.job WHERE name = $1 AND id = $2::uuid AND data->>'workspaceId' = $3`,
    [queue, id, String(workspaceId)],
  );
  return rows[0] as JobRow | undefined;
}
