import { bigint, bigserial, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.tables.js';
import { channels } from './channels.tables.js';

/**
 * Message templates approved at the provider (WhatsApp), synchronised from it: the only messages a business may
 * send outside the customer-service window. `components` keeps the provider's definition (header, body with
 * {{1}} variables, buttons) as it returned it.
 */
export const channelTemplates = pgTable('channel_templates', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id),
  /** The provider's id of the template. */
  externalId: text('external_id'),
  name: text('name').notNull(),
  language: text('language').notNull(),
  /** MARKETING, UTILITY, AUTHENTICATION. */
  category: text('category'),
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED: only APPROVED ones can be sent. */
  status: text('status').notNull(),
  components: jsonb('components').$type<unknown[]>().notNull().default([]),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('channel_templates_channel_name_lang_idx').on(t.channelId, t.name, t.language)]);
