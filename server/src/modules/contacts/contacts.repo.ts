import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { contactIdentities, contacts } from './contacts.tables.js';
import { channels } from '../channels/channels.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { looksLikePhone, normalizeEmail, normalizePhone, phoneDigits } from './contact-fields.js';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

/**
 * Exactly the expression of the `contacts_search_trgm` index (contacts.tables.ts): the planner only uses
 * an expression index for the same expression, so change both together.
 */
const searchText = sql`(coalesce(${contacts.name},'') || ' ' || coalesce(${contacts.phone},'') || ' ' || coalesce(${contacts.email},'') || ' ' || coalesce(${contacts.documentNumber},''))`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Substring search over name, phone, email and document number; a typed phone also matches by its digits. */
export function contactSearchCondition(q: string): SQL {
  const terms = [q.trim()];
  if (looksLikePhone(q)) {
    const digits = phoneDigits(q);
    if (digits !== terms[0]) terms.push(digits);
  }
  const conditions = terms.map((t) => sql`${searchText} ILIKE ${likePattern(t)}`);
  return conditions.length === 1 ? conditions[0] : sql`(${sql.join(conditions, sql` OR `)})`;
}

export interface ContactListFilter {
  workspaceId: number;
  /** Keyset: only contacts with a smaller id. */
  beforeId?: number;
  limit: number;
  q?: string;
  tag?: string;
}

/** Newest first, one query; the caller asks for limit + 1 to learn whether a next page exists. */
export async function listContacts(db: Db, f: ContactListFilter): Promise<ContactRow[]> {
  const where: SQL[] = [eq(contacts.workspaceId, f.workspaceId)];
  if (f.beforeId !== undefined) where.push(lt(contacts.id, f.beforeId));
  if (f.q) where.push(contactSearchCondition(f.q));
  if (f.tag) where.push(sql`${contacts.tags} @> ARRAY[${f.tag}]::text[]`);
  return db.select().from(contacts).where(and(...where)).orderBy(desc(contacts.id)).limit(f.limit);
}

export async function findContact(db: Db, workspaceId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<ContactRow | undefined> {
  const query = db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  const rows = opts.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function insertContact(db: Db, values: NewContactRow): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  return row;
}

export async function updateContact(db: Db, id: number, values: Partial<NewContactRow>): Promise<ContactRow> {
  const [row] = await db.update(contacts).set({ ...values, updatedAt: sql`now()` }).where(eq(contacts.id, id)).returning();
  return row;
}

export async function contactHasConversations(db: Db, contactId: number): Promise<boolean> {
  const rows = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, contactId)).limit(1);
  return rows.length > 0;
}

export async function deleteContact(db: Db, contactId: number): Promise<void> {
  await db.delete(contactIdentities).where(eq(contactIdentities.contactId, contactId));
  await db.delete(contacts).where(eq(contacts.id, contactId));
}

export interface IdentityRow {
  id: number;
  channelId: number;
  channelType: string;
  externalId: string;
  createdAt: Date;
}

export async function listIdentities(db: Db, contactId: number): Promise<IdentityRow[]> {
  return db
    .select({
      id: contactIdentities.id,
      channelId: contactIdentities.channelId,
      channelType: channels.type,
      externalId: contactIdentities.externalId,
      createdAt: contactIdentities.createdAt,
    })
    .from(contactIdentities)
    .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
    .where(eq(contactIdentities.contactId, contactId))
    .orderBy(contactIdentities.id);
}

export interface IdentityInput {
  workspaceId: number;
  channelId: number;
  externalId: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

async function findIdentity(tx: Db, channelId: number, externalId: string) {
  const rows = await tx
    .select({ identityId: contactIdentities.id, contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.externalId, externalId)));
  return rows[0];
}

/**
 * The contact behind a channel account, created on first contact. Safe under concurrency without a
 * prior-lookup race: one statement claims the identity (ON CONFLICT DO NOTHING on the unique index) with a
 * pre-allocated contact id and inserts that contact only from the identity row it actually inserted, so a
 * loser creates nothing, not even an orphan. The foreign key is checked at the end of the statement, when
 * both rows exist. A loser then re-reads: under READ COMMITTED the conflicting insert has committed (ON
 * CONFLICT waited for it) and the next statement's snapshot sees it.
 * The caller emits `contact.created` when `created` is true.
 */
export async function findOrCreateContactByIdentity(
  tx: Db,
  input: IdentityInput,
): Promise<{ contactId: number; identityId: number; created: boolean }> {
  const existing = await findIdentity(tx, input.channelId, input.externalId);
  if (existing) return { ...existing, created: false };

  const name = input.name?.trim().slice(0, 200) ?? '';
  const phone = normalizePhone(input.phone);
  const email = normalizeEmail(input.email) ?? null;
  const inserted = await queryRows<{ identity_id: number | string; contact_id: number | string }>(tx, sql`
    WITH new_id AS (SELECT nextval(pg_get_serial_sequence('contacts', 'id')) AS contact_id),
    identity AS (
      INSERT INTO contact_identities (workspace_id, contact_id, channel_id, external_id)
      SELECT ${input.workspaceId}, contact_id, ${input.channelId}, ${input.externalId} FROM new_id
      ON CONFLICT (channel_id, external_id) DO NOTHING
      RETURNING id, contact_id
    ),
    contact AS (
      INSERT INTO contacts (id, workspace_id, name, phone, email)
      SELECT contact_id, ${input.workspaceId}, ${name}, ${phone}, ${email} FROM identity
      RETURNING id
    )
    SELECT identity.id AS identity_id, contact.id AS contact_id FROM identity JOIN contact ON contact.id = identity.contact_id`);
  // Raw rows carry int8 as strings on node-postgres (drizzle overrides the pool's parsers per query).
  if (inserted[0]) return { identityId: Number(inserted[0].identity_id), contactId: Number(inserted[0].contact_id), created: true };

  const winner = await findIdentity(tx, input.channelId, input.externalId);
  if (!winner) throw new Error(`contact identity ${input.channelId}/${input.externalId} vanished after a conflicting insert`);
  return { ...winner, created: false };
}
