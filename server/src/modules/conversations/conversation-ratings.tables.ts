import { bigint, check, index, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { conversations } from './conversations.tables.js';

/**
 * The customer's satisfaction rating (CSAT) of a conversation: 1 to 5 and an optional comment, one per
 * conversation (a second rating replaces the first). `assignee_id` and `team_id` are copied at rating time so
 * reports group by who served the customer even after a later transfer.
 */
export const conversationRatings = pgTable('conversation_ratings', {
  conversationId: bigint('conversation_id', { mode: 'number' }).primaryKey().references(() => conversations.id),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  score: smallint('score').notNull(),
  comment: text('comment'),
  assigneeId: bigint('assignee_id', { mode: 'number' }).references(() => users.id),
  teamId: bigint('team_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [
  check('conversation_ratings_score_range', sql`${t.score} BETWEEN 1 AND 5`),
  index('conversation_ratings_ws_created_idx').on(t.workspaceId, t.createdAt),
]);
