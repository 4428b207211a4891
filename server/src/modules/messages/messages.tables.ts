import { bigint, bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from '../workspaces/workspaces.tables.js';
import { channels } from '../channels/channels.tables.js';
import { conversations } from '../conversations/conversations.tables.js';

export const messageKindEnum = pgEnum('message_kind', ['message', 'note', 'activity']);
export const directionEnum = pgEnum('direction', ['inbound', 'outbound']);
export const senderTypeEnum = pgEnum('sender_type', ['contact', 'user', 'bot', 'api', 'system']);
export const deliveryStatusEnum = pgEnum('delivery_status', ['queued', 'sent', 'delivered', 'read', 'failed']);

export const messages = pgTable('messages', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  conversationId: bigint('conversation_id', { mode: 'number' }).notNull().references(() => conversations.id),
  channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id),
  kind: messageKindEnum('kind').notNull(),
  direction: directionEnum('direction'),
  senderType: senderTypeEnum('sender_type').notNull(),
  senderId: bigint('sender_id', { mode: 'number' }),
  body: text('body').notNull().default(''),
  /** Activity details, @mentions, provider extras. */
  meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
  externalId: text('external_id'),
  deliveryStatus: deliveryStatusEnum('delivery_status'),
  failureReason: text('failure_reason'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // The dedupe rule of the spine: one row per (channel, provider id), enforced by the database, not by a prior lookup.
  uniqueIndex('messages_channel_external_uq').on(t.channelId, t.externalId),
  index('messages_conversation_idx').on(t.conversationId, t.id),
  index('messages_body_trgm').using('gin', sql`${t.body} gin_trgm_ops`),
]);

export const attachments = pgTable('attachments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  messageId: bigint('message_id', { mode: 'number' }).references(() => messages.id),
  storageKey: text('storage_key').notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('attachments_message_idx').on(t.messageId)]);
