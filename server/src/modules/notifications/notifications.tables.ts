import { bigint, bigserial, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from '../workspaces/workspaces.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { messages } from '../messages/messages.tables.js';

export const notificationTypeEnum = pgEnum('notification_type', ['assigned', 'mentioned', 'new_message']);

/**
 * A member's in-app notifications (the bell). Written by the notifications subscriber from the event
 * log; `source_event_id` is the event that caused it, so a replayed event creates nothing twice.
 */
export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  type: notificationTypeEnum('type').notNull(),
  conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id),
  messageId: bigint('message_id', { mode: 'number' }).references(() => messages.id),
  /** Who caused it, as in the event log (user, contact, bot, api, system). */
  actorType: text('actor_type').notNull(),
  actorId: bigint('actor_id', { mode: 'number' }),
  preview: text('preview').notNull().default(''),
  sourceEventId: bigint('source_event_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('notifications_user_source_type_uq').on(t.userId, t.sourceEventId, t.type),
  // The bell: newest first, keyset by id; unread ones counted from a partial index.
  index('notifications_ws_user_idx').on(t.workspaceId, t.userId, t.id.desc()),
  index('notifications_unread_idx').on(t.workspaceId, t.userId, t.conversationId).where(sql`read_at IS NULL`),
]);
