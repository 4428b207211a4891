import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/db.js';

/** How many events of the workspace follow `afterId`, counting no further than `cap` (an index range scan). */
export async function countEventsAfter(db: Db, workspaceId: number, afterId: number, cap: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM events WHERE workspace_id = ${workspaceId} AND id > ${afterId} LIMIT ${cap}) t`);
  return Number(rows[0]?.n ?? 0);
}
