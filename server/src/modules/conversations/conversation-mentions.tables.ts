import { bigint, index, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { conversations } from './conversations.tables.js';
import { messages } from '../messages/messages.tables.js';

/**
 * Who was @mentioned in which note. Written with the note; `seen_at` is set when the mentioned user
 * opens (marks read) the conversation, so the side bar counts unseen mentions.
 */
export const conversationMentions = pgTable('conversation_mentions', {
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  messageId: bigint('message_id', { mode: 'number' }).notNull().references(() => messages.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp('seen_at', { withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.messageId, t.userId] }),
  index('conversation_mentions_conversation_user_idx').on(t.conversationId, t.userId),
  index('conversation_mentions_unseen_idx').on(t.userId, t.conversationId).where(sql`seen_at IS NULL`),
]);
