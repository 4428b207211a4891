import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { dailyActivity } from './reports.tables.js';

export async function incrementDailyActivity(tx: Db, rows: Array<{ workspaceId: number; day: string; metric: string; value: number }>) {
  if (rows.length === 0) return;
  await tx
    .insert(dailyActivity)
    .values(rows)
    .onConflictDoUpdate({ target: [dailyActivity.workspaceId, dailyActivity.day, dailyActivity.metric], set: { value: sql`${dailyActivity.value} + excluded.value` } });
}

export async function dailyActivityBetween(db: Db, workspaceId: number, from: string, to: string) {
  return db
    .select({ day: dailyActivity.day, metric: dailyActivity.metric, value: dailyActivity.value })
    .from(dailyActivity)
    .where(and(eq(dailyActivity.workspaceId, workspaceId), gte(dailyActivity.day, from), lte(dailyActivity.day, to)))
    .orderBy(asc(dailyActivity.day), asc(dailyActivity.metric));
}
