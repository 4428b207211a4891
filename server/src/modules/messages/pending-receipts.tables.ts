import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.tables.js';
import { channels } from '../channels/channels.tables.js';

/**
 * Delivery receipts that came before we knew the message they are about: the provider answered our send and
 * its status webhook overtook that answer (WhatsApp's `sent` often does). Applied, in order, as soon as the send
 * records the provider's id; kept a day at most (a receipt for a message sent by another app never matches).
 */
export const pendingReceipts = pgTable('pending_receipts', {
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id),
  externalId: text('external_id').notNull(),
  status: text('status').$type<'sent' | 'delivered' | 'read' | 'failed'>().notNull(),
  failureReason: text('failure_reason'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.channelId, t.externalId, t.status] }),
  index('pending_receipts_received_idx').on(t.channelId, t.receivedAt),
]);
