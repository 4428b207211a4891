import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces, users } from '../workspaces/workspaces.tables.js';
import { contacts } from '../contacts/contacts.tables.js';

/** One step of the caller's way through the IVR: the menu (and what it said), the key or answer chosen, when. */
export interface IvrStep {
  menu: string;
  prompt: string | null;
  choice: string | null;
  at: string;
}

export const callStatuses = ['open', 'closed', 'service_request'] as const;
export type CallStatus = (typeof callStatuses)[number];

/**
 * A phone call as the PBX or IVR reported it. The contact is kept when known; deleting the contact
 * keeps the record of the call (set null). Re-deliveries are absorbed by the unique (workspace, external id).
 */
export const calls = pgTable('calls', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  workspaceId: bigint('workspace_id', { mode: 'number' }).notNull().references(() => workspaces.id),
  contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id, { onDelete: 'set null' }),
  externalId: text('external_id').notNull(),
  fromNumber: text('from_number').notNull(),
  toNumber: text('to_number').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  durationSeconds: integer('duration_seconds'),
  ivrPath: jsonb('ivr_path').$type<IvrStep[]>().notNull().default([]),
  botTranscript: text('bot_transcript'),
  reason: text('reason'),
  city: text('city'),
  recordingUrl: text('recording_url'),
  outcome: text('outcome'),
  status: text('status').$type<CallStatus>().notNull().default('open'),
  closedById: bigint('closed_by_id', { mode: 'number' }).references(() => users.id),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closingNote: text('closing_note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('calls_ws_external_uq').on(t.workspaceId, t.externalId),
  index('calls_ws_started_idx').on(t.workspaceId, t.startedAt, t.id),
  index('calls_contact_idx').on(t.contactId),
  index('calls_search_trgm').using('gin', sql`(coalesce(${t.fromNumber},'') || ' ' || coalesce(${t.botTranscript},'')) gin_trgm_ops`),
]);
