import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Daily counters projected from the event log (updated in the same transaction as the projection's cursor). */
export const dailyActivity = pgTable('daily_activity', {
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  metric: text('metric').notNull(),
  value: integer('value').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.metric] })]);
