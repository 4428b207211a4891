import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { contacts } from '../contacts/contacts.tables.js';
import { users } from '../workspaces/workspaces.tables.js';
import { looksLikePhone, phoneDigits } from '../contacts/contact-fields.js';
import { calls, type CallStatus } from './calls.tables.js';
import type { CallFilters } from './calls.schemas.js';

export type CallRow = typeof calls.$inferSelect;
export type NewCallRow = typeof calls.$inferInsert;
export interface CallView {
  call: CallRow;
  contact: { id: number; name: string; phone: string | null; documentNumber: string | null } | null;
  closedBy: { id: number; name: string } | null;
}
export interface CallKeyset { at: Date; id: number }

/** Callers are serialised per phone with this lock class, so two deliveries never create the same caller twice. */
const CALLER_LOCK = 7_202_640;

/**
 * The contact behind each caller number, created when the number is unknown. Calls arrive without a
 * channel account, so callers are matched on the contact's phone (the same person who writes on
 * WhatsApp from that number); a transaction lock per number, taken in a fixed order, makes concurrent
 * deliveries of one new number create one contact. Constant statements for the whole batch.
 */
export type CallerContact = NonNullable<CallView['contact']>;

export async function resolveCallers(tx: Db, workspaceId: number, people: Array<{ phone: string; name: string }>) {
  const phones = [...new Set(people.map((p) => p.phone))].sort();
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CALLER_LOCK}, hashtext(${workspaceId}::text || ':' || p)) FROM (SELECT p FROM unnest(ARRAY[${sql.join(phones.map((p) => sql`${p}`), sql`, `)}]::text[]) AS p ORDER BY p) ordered`);
  const existing = await tx
    .select({ id: contacts.id, name: contacts.name, phone: contacts.phone, documentNumber: contacts.documentNumber })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.phone, phones)))
    .orderBy(contacts.id);
  const byPhone = new Map<string, CallerContact>();
  for (const r of existing) if (r.phone && !byPhone.has(r.phone)) byPhone.set(r.phone, r);
  const missing = phones.filter((p) => !byPhone.has(p));
  const created = missing.length
    ? await tx.insert(contacts).values(missing.map((phone) => ({ workspaceId, phone, name: people.find((p) => p.phone === phone && p.name)?.name ?? phone }))).returning()
    : [];
  for (const c of created) byPhone.set(c.phone!, { id: c.id, name: c.name, phone: c.phone, documentNumber: c.documentNumber });
  return { byPhone, created };
}

/** Inserts the calls not seen before; the unique (workspace, external id) index decides, also between concurrent deliveries. */
export async function insertNewCalls(tx: Db, rows: NewCallRow[]): Promise<CallRow[]> {
  if (!rows.length) return [];
  return tx.insert(calls).values(rows).onConflictDoNothing({ target: [calls.workspaceId, calls.externalId] }).returning();
}

export async function callIdsByExternal(tx: Db, workspaceId: number, externalIds: string[]) {
  if (!externalIds.length) return new Map<string, number>();
  const rows = await tx.select({ id: calls.id, externalId: calls.externalId }).from(calls).where(and(eq(calls.workspaceId, workspaceId), inArray(calls.externalId, externalIds)));
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** Exactly the expression of `calls_search_trgm`. */
const callSearchText = sql`(coalesce(${calls.fromNumber},'') || ' ' || coalesce(${calls.botTranscript},''))`;

function filterConditions(workspaceId: number, f: CallFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [eq(calls.workspaceId, workspaceId)];
  if (f.status) conditions.push(inArray(calls.status, f.status as CallStatus[]));
  if (f.from) conditions.push(gte(calls.startedAt, new Date(f.from)));
  if (f.to) conditions.push(lt(calls.startedAt, new Date(f.to)));
  if (f.reason) conditions.push(eq(calls.reason, f.reason));
  if (f.city) conditions.push(eq(calls.city, f.city));
  if (f.outcome) conditions.push(eq(calls.outcome, f.outcome));
  if (f.contactId) conditions.push(eq(calls.contactId, f.contactId));
  if (f.q) {
    const terms = [f.q];
    if (looksLikePhone(f.q) && phoneDigits(f.q) !== f.q) terms.push(phoneDigits(f.q));
    const any = terms.flatMap((t) => {
      const p = likePattern(t);
      return [sql`${callSearchText} ILIKE ${p}`, sql`${contacts.name} ILIKE ${p}`, sql`${contacts.documentNumber} ILIKE ${p}`];
    });
    conditions.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  return and(...conditions);
}

const viewColumns = {
  call: calls,
  contact: { id: contacts.id, name: contacts.name, phone: contacts.phone, documentNumber: contacts.documentNumber },
  closedBy: { id: users.id, name: users.name },
};

/** Newest call first, keyset-paged, in one query whatever the page size. */
export async function listCalls(db: Db, workspaceId: number, f: CallFilters, after: CallKeyset | null, limit: number): Promise<CallView[]> {
  return db
    .select(viewColumns)
    .from(calls)
    .leftJoin(contacts, eq(contacts.id, calls.contactId))
    .leftJoin(users, eq(users.id, calls.closedById))
    .where(and(filterConditions(workspaceId, f), after ? sql`(${calls.startedAt}, ${calls.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit) as Promise<CallView[]>;
}

/** Calls per reason under the same filters, most frequent first, with the total, in one statement. */
export async function countCallsByReason(db: Db, workspaceId: number, f: CallFilters) {
  return queryRows<{ reason: string | null; count: number }>(db, sql`
    SELECT ${calls.reason} AS reason, count(*)::int AS count
    FROM ${calls} LEFT JOIN ${contacts} ON ${contacts.id} = ${calls.contactId}
    WHERE ${filterConditions(workspaceId, f)}
    GROUP BY ${calls.reason} ORDER BY count(*) DESC, ${calls.reason} NULLS LAST`);
}

export async function getCallView(db: Db, workspaceId: number, id: number): Promise<CallView | undefined> {
  const [row] = await db
    .select(viewColumns)
    .from(calls)
    .leftJoin(contacts, eq(contacts.id, calls.contactId))
    .leftJoin(users, eq(users.id, calls.closedById))
    .where(and(eq(calls.workspaceId, workspaceId), eq(calls.id, id)));
  return row as CallView | undefined;
}

export async function lockCall(tx: Db, workspaceId: number, id: number): Promise<CallRow | undefined> {
  const [row] = await tx.select().from(calls).where(and(eq(calls.workspaceId, workspaceId), eq(calls.id, id))).for('update');
  return row;
}

export async function updateCall(tx: Db, id: number, patch: Partial<NewCallRow>): Promise<void> {
  await tx.update(calls).set({ ...patch, updatedAt: sql`now()` }).where(eq(calls.id, id));
}
