import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from '../workspaces/workspaces.tables.js';
import { channels } from '../channels/channels.tables.js';

export const contacts = pgTable('contacts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  name: text('name').notNull().default(''),
  phone: text('phone'),
  email: text('email'),
  documentNumber: text('document_number'),
  language: text('language'),
  /** Where the contact is in the business's funnel (lead, customer …): set by agents and workflows. */
  lifecycleStage: text('lifecycle_stage'),
  customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('contacts_ws_id_idx').on(t.workspaceId, t.id),
  // Callers from the IVR are matched by exact phone (calls.repo.ts resolveCallers).
  index('contacts_ws_phone_idx').on(t.workspaceId, t.phone),
  index('contacts_search_trgm').using('gin', sql`(coalesce(${t.name},'') || ' ' || coalesce(${t.phone},'') || ' ' || coalesce(${t.email},'') || ' ' || coalesce(${t.documentNumber},'')) gin_trgm_ops`),
  index('contacts_tags_gin').using('gin', t.tags),
]);

/** One identity per channel account: the provider's id of this person on that channel (phone, PSID, chat id, email). */
export const contactIdentities = pgTable('contact_identities', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  contactId: bigint('contact_id', { mode: 'number' }).notNull().references(() => contacts.id),
  channelId: bigint('channel_id', { mode: 'number' }).notNull().references(() => channels.id),
  externalId: text('external_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('contact_identities_channel_ext_uq').on(t.channelId, t.externalId), index('contact_identities_contact_idx').on(t.contactId)]);
