import { bigint, bigserial, boolean, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from '../workspaces/workspaces.tables.js';

export const contactFieldTypeEnum = pgEnum('contact_field_type', ['text', 'number', 'date', 'select', 'checkbox']);

/**
 * Definitions of contacts' custom fields: the contact panel renders them by type, and values written
 * for a defined key are validated against it. Values live in `contacts.custom_fields` under `key`.
 */
export const contactFields = pgTable('contact_fields', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  key: text('key').notNull(),
  label: text('label').notNull(),
  type: contactFieldTypeEnum('type').notNull(),
  options: text('options').array().notNull().default(sql`'{}'::text[]`),
  required: boolean('required').notNull().default(false),
  position: integer('position').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('contact_fields_ws_key_uq').on(t.workspaceId, t.key)]);
