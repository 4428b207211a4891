import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { contacts } from '../contacts/contacts.tables.js';

/** Contacts named by an incoming webhook, serialised per value so two calls at once do not create the same person twice. */
const HOOK_CONTACT_LOCK = 7_202_650;

export async function lockContactValue(tx: Db, workspaceId: number, value: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${HOOK_CONTACT_LOCK}, hashtext(${workspaceId}::text || ':' || ${value}))`);
}

/** The oldest contact with this (normalised) phone or email: the one the workspace has known longest. */
export async function findContactIdBy(db: Db, workspaceId: number, by: 'phone' | 'email', value: string): Promise<number | undefined> {
  const match = by === 'phone' ? eq(contacts.phone, value) : sql`lower(${contacts.email}) = ${value}`;
  const [row] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), match)).orderBy(asc(contacts.id)).limit(1);
  return row?.id;
}
