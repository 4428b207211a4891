import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { anyOf } from '../../platform/db/raw-rows.js';
import { contactIdentities, contacts } from './contacts.tables.js';
import { normalizeEmail, normalizePhone } from './contact-fields.js';

export interface IdentityInput {
  externalId: string;
  name?: string;
  phone?: string;
  email?: string;
}

/**
 * Resolves many channel identities to contacts in a constant number of statements, creating a contact
 * for each unknown identity. The unique (channel, external id) index decides races: when another
 * transaction created the same identity first, our new contact is removed and theirs is used.
 */
export async function resolveContacts(tx: Db, workspaceId: number, channelId: number, people: IdentityInput[]): Promise<Map<string, number>> {
  const byExternal = new Map(people.map((p) => [p.externalId, p]));
  const ids = [...byExternal.keys()];
  const found = new Map<string, number>();
  const existing = await tx
    .select({ externalId: contactIdentities.externalId, contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channelId), anyOf(contactIdentities.externalId, ids)));
  for (const r of existing) found.set(r.externalId, r.contactId);

  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return found;

  // Ids first, so each new contact is paired with its identity without relying on RETURNING order.
  const newIds = (await queryRows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence('contacts', 'id'))::bigint AS id FROM generate_series(1, ${missing.length})`)).map((r) => r.id);
  await tx.insert(contacts).values(
    missing.map((ext, i) => {
      const p = byExternal.get(ext)!;
      const phone = normalizePhone(p.phone);
      const email = normalizeEmail(p.email) ?? null; // a provider's malformed address is dropped, not fatal
      return { id: newIds[i], workspaceId, name: p.name?.trim() || phone || email || ext, phone, email };
    }),
  );
  const won = await tx
    .insert(contactIdentities)
    .values(missing.map((ext, i) => ({ workspaceId, channelId, contactId: newIds[i], externalId: ext })))
    .onConflictDoNothing({ target: [contactIdentities.channelId, contactIdentities.externalId] })
    .returning({ externalId: contactIdentities.externalId, contactId: contactIdentities.contactId });
  for (const r of won) found.set(r.externalId, r.contactId);

  const lost = missing.filter((ext) => !found.has(ext));
  if (lost.length) {
    await tx.delete(contacts).where(inArray(contacts.id, lost.map((ext) => newIds[missing.indexOf(ext)])));
    const theirs = await tx
      .select({ externalId: contactIdentities.externalId, contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channelId, channelId), inArray(contactIdentities.externalId, lost)));
    for (const r of theirs) found.set(r.externalId, r.contactId);
  }
  return found;
}
