import { bigint, bigserial, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';

/** Saved filters of the conversation list, in the list query's string form; shared ones are visible to every member. */
export const savedViews = pgTable('saved_views', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  ownerId: bigint('owner_id', { mode: 'number' }).notNull().references(() => users.id),
  name: text('name').notNull(),
  filters: jsonb('filters').$type<Record<string, string>>().notNull().default({}),
  shared: boolean('shared').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('saved_views_owner_idx').on(t.workspaceId, t.ownerId),
  index('saved_views_shared_idx').on(t.workspaceId).where(sql`shared`),
]);
