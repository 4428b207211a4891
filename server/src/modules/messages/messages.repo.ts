import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { anyOf, columnArrays, rowMapper } from '../../platform/db/raw-rows.js';
import { attachments, messages } from './messages.tables.js';
import { statusesBefore, type DeliveryStatus } from './delivery-status.js';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;

const toMessageRow = rowMapper(messages);

/**
 * Inserts messages; rows whose (channel, external id) already exist are skipped by the unique index.
 * The ingest's hot statement: one array parameter per column (a constant text, however many rows), and only
 * the ids come back; the rows are completed from what was sent (columnArrays in raw-rows.ts).
 */
export async function insertMessagesOnce(tx: Db, rows: NewMessage[]): Promise<MessageRow[]> {
  if (rows.length === 0) return [];
  const all: MessageRow[] = rows.map((r) => ({
    id: 0, workspaceId: r.workspaceId, conversationId: r.conversationId, channelId: r.channelId, kind: r.kind, direction: r.direction ?? null,
    senderType: r.senderType, senderId: r.senderId ?? null, body: r.body ?? '', meta: asStored(r.meta ?? {}), externalId: r.externalId ?? null,
    deliveryStatus: r.deliveryStatus ?? null, failureReason: r.failureReason ?? null, deletedAt: null, createdAt: r.createdAt ?? new Date(),
  }));
  const col = columnArrays(all);
  const inserted = await queryRows<{ id: number; external_id: string | null }>(tx, sql`
    INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, sender_id, body, meta, external_id, delivery_status, failure_reason, created_at)
    SELECT * FROM unnest(${col((m) => m.workspaceId)}::bigint[], ${col((m) => m.conversationId)}::bigint[], ${col((m) => m.channelId)}::bigint[],
      ${col((m) => m.kind)}::text[]::message_kind[], ${col((m) => m.direction)}::text[]::direction[], ${col((m) => m.senderType)}::text[]::sender_type[],
      ${col((m) => m.senderId)}::bigint[], ${col((m) => m.body)}::text[], ${col((m) => JSON.stringify(m.meta))}::text[]::jsonb[], ${col((m) => m.externalId)}::text[],
      ${col((m) => m.deliveryStatus)}::text[]::delivery_status[], ${col((m) => m.failureReason)}::text[], ${col((m) => m.createdAt.toISOString())}::text[]::timestamptz[])
    ON CONFLICT (channel_id, external_id) DO NOTHING
    RETURNING id, external_id`);
  // Rows come back in the order they were inserted; those the index skipped are the ones whose external id did not come back.
  const stored = new Set(inserted.map((r) => r.external_id));
  const kept = uniqueExternal(all.filter((m) => m.externalId === null || stored.has(m.externalId)));
  return kept.map((m, i) => {
    if (inserted[i]?.external_id !== m.externalId) throw new Error('insertMessagesOnce: returned rows do not match the rows sent');
    return { ...m, id: inserted[i].id };
  });
}

/** What a jsonb column gives back for a value: its JSON (dates become strings, undefined keys go). */
function asStored(meta: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(meta));
}

/** The first row of each external id: a repeat inside one insert is skipped by the index like an older row. */
function uniqueExternal(rows: MessageRow[]): MessageRow[] {
  const seen = new Set<string>();
  return rows.filter((m) => m.externalId === null || (seen.has(m.externalId) ? false : (seen.add(m.externalId), true)));
}

/** Namespace of the locks that order a send recording its provider id against the receipts for that id. */
const PROVIDER_ID_LOCK = 7_202_613;

/**
 * Takes the transaction-level locks of these provider ids (in order, so two transactions never wait on each other in a
 * cycle). The send that records a provider id and a receipt for that id both take it before they look, so whichever
 * runs second sees what the first committed: otherwise a receipt could find no message while the send, not yet
 * committed, finds no parked receipt, and the receipt would wait forever.
 */
export async function lockProviderIds(tx: Db, externalIds: string[]): Promise<void> {
  if (externalIds.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${PROVIDER_ID_LOCK}, hashtext(x)) FROM (SELECT DISTINCT unnest(${sql.param(externalIds)}::text[]) AS x ORDER BY 1) ids`);
}

export async function insertMessage(tx: Db, row: NewMessage): Promise<MessageRow> {
  const [m] = await tx.insert(messages).values(row).returning();
  return m;
}

export async function findByExternalIds(db: Db, channelId: number, externalIds: string[]) {
  if (externalIds.length === 0) return [];
  return db
    .select({ id: messages.id, externalId: messages.externalId, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), anyOf(messages.externalId, externalIds)));
}

export async function findMessage(db: Db, workspaceId: number, id: number): Promise<MessageRow | undefined> {
  const [m] = await db.select().from(messages).where(and(eq(messages.id, id), eq(messages.workspaceId, workspaceId)));
  return m;
}

/** Moves delivery status forward only; returns the row when it moved, nothing for a late or repeated receipt. */
export async function advanceDelivery(
  tx: Db,
  where: { id: number } | { channelId: number; externalId: string },
  to: DeliveryStatus,
  patch: { failureReason?: string | null; externalId?: string } = {},
): Promise<MessageRow | undefined> {
  const match = 'id' in where ? eq(messages.id, where.id) : and(eq(messages.channelId, where.channelId), eq(messages.externalId, where.externalId));
  const [row] = await tx
    .update(messages)
    .set({ deliveryStatus: to, ...patch })
    .where(and(match, eq(messages.direction, 'outbound'), inArray(messages.deliveryStatus, statusesBefore(to))))
    .returning();
  return row;
}

export async function setMessageDeleted(tx: Db, id: number, at: Date): Promise<MessageRow | undefined> {
  const [row] = await tx.update(messages).set({ deletedAt: at }).where(and(eq(messages.id, id), isNull(messages.deletedAt))).returning();
  return row;
}

/** A page of a conversation's timeline, newest first (`before`) or oldest first (`after`), with attachments. */
export async function listTimeline(db: Db, conversationId: number, page: { before?: number; after?: number; limit: number }) {
  const conds = [eq(messages.conversationId, conversationId)];
  if (page.before) conds.push(lt(messages.id, page.before));
  if (page.after) conds.push(gt(messages.id, page.after));
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conds))
    .orderBy(page.after ? asc(messages.id) : desc(messages.id))
    .limit(page.limit);
  const files = rows.length
    ? await db.select().from(attachments).where(inArray(attachments.messageId, rows.map((r) => r.id)))
    : [];
  return { rows, files };
}

export async function attachmentsOf(db: Db, messageIds: number[]): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return db.select().from(attachments).where(inArray(attachments.messageId, messageIds));
}

export async function insertAttachment(db: Db, row: typeof attachments.$inferInsert): Promise<AttachmentRow> {
  const [a] = await db.insert(attachments).values(row).returning();
  return a;
}

export async function findAttachment(db: Db, workspaceId: number, id: number): Promise<AttachmentRow | undefined> {
  const [a] = await db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.workspaceId, workspaceId)));
  return a;
}

/** Binds uploaded, not yet sent attachments to the message that sends them. */
export async function claimAttachments(tx: Db, workspaceId: number, ids: number[], messageId: number): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return tx
    .update(attachments)
    .set({ messageId })
    .where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.id, ids), isNull(attachments.messageId)))
    .returning();
}

/** Not scoped to a workspace: only for signed links, whose signature names the id. */
export async function findAttachmentById(db: Db, id: number): Promise<AttachmentRow | undefined> {
  const [a] = await db.select().from(attachments).where(eq(attachments.id, id));
  return a;
}

export async function updateMessageMeta(tx: Db, id: number, patch: Record<string, unknown>): Promise<MessageRow> {
  const [row] = await tx.update(messages).set({ meta: sql`${messages.meta} || ${JSON.stringify(patch)}::jsonb` }).where(eq(messages.id, id)).returning();
  return row;
}

/** New attachment rows for `toMessageId` pointing at the same stored files as `fromMessageId`'s (a retried reply resends them). */
export async function copyAttachments(tx: Db, fromMessageId: number, toMessageId: number): Promise<AttachmentRow[]> {
  const files = await attachmentsOf(tx, [fromMessageId]);
  if (files.length === 0) return [];
  return tx
    .insert(attachments)
    .values(files.map((f) => ({ workspaceId: f.workspaceId, messageId: toMessageId, storageKey: f.storageKey, filename: f.filename, contentType: f.contentType, size: f.size })))
    .returning();
}

/** A new attachment row for `toMessageId` pointing at the stored file of one attachment of the workspace (a bot answer's file). */
export async function copyAttachmentFile(tx: Db, workspaceId: number, attachmentId: number, toMessageId: number): Promise<AttachmentRow[]> {
  const file = await findAttachment(tx, workspaceId, attachmentId);
  if (!file) return [];
  return tx
    .insert(attachments)
    .values({ workspaceId, messageId: toMessageId, storageKey: file.storageKey, filename: file.filename, contentType: file.contentType, size: file.size })
    .returning();
}

/** Messages of a channel by provider id, locked for an update of their content (reactions, edits), with their conversation's contact. */
export async function lockMessagesByExternalIds(tx: Db, channelId: number, externalIds: string[]): Promise<Array<MessageRow & { contactId: number }>> {
  if (externalIds.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(tx, sql`
    SELECT m.*, c.contact_id AS conversation_contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.channel_id = ${channelId} AND m.external_id IN (${sql.join(externalIds.map((id) => sql`${id}`), sql`, `)})
    FOR UPDATE OF m`);
  return rows.map((r) => ({ ...toMessageRow(r), contactId: Number(r.conversation_contact_id) }));
}

/** Writes new bodies and metas of several messages in one statement. */
export async function updateMessagesContent(tx: Db, rows: Array<{ id: number; body: string; meta: Record<string, unknown> }>): Promise<MessageRow[]> {
  if (rows.length === 0) return [];
  const values = sql.join(rows.map((r) => sql`(${r.id}::bigint, ${r.body}::text, ${JSON.stringify(r.meta)}::jsonb)`), sql`, `);
  const updated = await queryRows<Record<string, unknown>>(tx, sql`
    UPDATE messages m SET body = v.body, meta = v.meta FROM (VALUES ${values}) AS v(id, body, meta) WHERE m.id = v.id RETURNING m.*`);
  return updated.map(toMessageRow);
}

/** A message still queued has not reached the customer, so a read receipt cannot cover it. */
const readableStatuses = statusesBefore('read').filter((s) => s !== 'queued');

/**
 * Read watermarks: every outbound message of the contact's conversations on the channel, sent up to the time
 * (or up to the message with that provider id), moves to `read` — forward only, as the state machine allows.
 */
export async function markReadUpTo(tx: Db, channelId: number, reads: Array<{ contactExternalId: string; at: Date | null; upToExternalId: string | null }>): Promise<MessageRow[]> {
  if (reads.length === 0) return [];
  const values = sql.join(reads.map((r) => sql`(${r.contactExternalId}::text, ${r.at?.toISOString() ?? null}::timestamptz, ${r.upToExternalId}::text)`), sql`, `);
  const statuses = sql.join(readableStatuses.map((s) => sql`${s}::delivery_status`), sql`, `);
  const updated = await queryRows<Record<string, unknown>>(tx, sql`
    UPDATE messages m SET delivery_status = 'read'
    FROM (VALUES ${values}) AS r(contact_ext, at, up_to), contact_identities ci, conversations c
    WHERE ci.channel_id = ${channelId} AND ci.external_id = r.contact_ext
      AND c.channel_id = ${channelId} AND c.contact_id = ci.contact_id
      AND m.conversation_id = c.id AND m.kind = 'message' AND m.direction = 'outbound' AND m.delivery_status IN (${statuses})
      AND (r.at IS NULL OR m.created_at <= r.at)
      AND (r.up_to IS NULL OR m.id <= (SELECT u.id FROM messages u WHERE u.channel_id = ${channelId} AND u.external_id = r.up_to))
    RETURNING m.*`);
  return updated.map(toMessageRow);
}

/** Bodies of replies still being sent to these contacts on the channel: an echo of one of them is our own send coming back. */
export async function queuedOutboundBodies(tx: Db, channelId: number, contactIds: number[]): Promise<Array<{ contactId: number; body: string }>> {
  if (contactIds.length === 0) return [];
  const rows = await queryRows<{ contact_id: number; body: string }>(tx, sql`
    SELECT c.contact_id, m.body FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE c.channel_id = ${channelId} AND c.contact_id IN (${sql.join(contactIds.map((id) => sql`${id}::bigint`), sql`, `)})
      AND m.direction = 'outbound' AND m.kind = 'message' AND m.delivery_status = 'queued'`);
  return rows.map((r) => ({ contactId: Number(r.contact_id), body: r.body }));
}
