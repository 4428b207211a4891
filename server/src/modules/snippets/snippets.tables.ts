import { bigint, bigserial, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { teams } from '../teams/teams.tables.js';

/**
 * Snippets ("respuestas rápidas", seed 000): a workspace snippet has no owner and no team and is managed by admins;
 * a team snippet is shared by that team's members; a personal one belongs to its owner alone. Shortcuts are stored
 * lowercased, unique per scope (a personal snippet may shadow a team's, a team's a workspace one).
 */
export const snippets = pgTable('snippets', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  ownerId: bigint('owner_id', { mode: 'number' }).references(() => users.id),
  teamId: bigint('team_id', { mode: 'number' }).references(() => teams.id, { onDelete: 'cascade' }),
  shortcut: text('shortcut').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** What sending it also does: 'resume_bot' re-hooks the bot (seed 000's "enganchar el robot"). */
  action: text('action'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('snippets_ws_shortcut_uq').on(t.workspaceId, t.shortcut).where(sql`owner_id IS NULL AND team_id IS NULL`),
  uniqueIndex('snippets_team_shortcut_uq').on(t.workspaceId, t.teamId, t.shortcut).where(sql`team_id IS NOT NULL`),
  uniqueIndex('snippets_owner_shortcut_uq').on(t.workspaceId, t.ownerId, t.shortcut).where(sql`owner_id IS NOT NULL`),
]);
