import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../platform/db/db.js';

/**
 * Makes a form's new identity (an address or phone) point at the workspace's existing contact with that email or
 * phone, so a customer who already wrote by WhatsApp or email is the same contact. One statement: the unique
 * (channel, external id) index makes a concurrent submission's insert a no-op, and an identity already known on
 * this channel is left as it is. Email wins over phone; the oldest contact over newer ones. Answers the contact
 * the identity now points at, or null when nobody matched (the ingest then creates the contact).
 */
export async function linkIdentityToKnownContact(
  db: Db,
  input: { workspaceId: number; channelId: number; externalId: string; email?: string; phone?: string },
): Promise<number | null> {
  if (!input.email && !input.phone) return null;
  const email = input.email ?? null;
  const phone = input.phone ?? null;
  const rows = await queryRows<{ contact_id: number | string }>(db, sql`
    WITH known AS (
      SELECT contact_id FROM contact_identities WHERE channel_id = ${input.channelId} AND external_id = ${input.externalId}
    ),
    match AS (
      SELECT id AS contact_id FROM contacts
      WHERE workspace_id = ${input.workspaceId} AND NOT EXISTS (SELECT 1 FROM known)
        AND ((${email}::text IS NOT NULL AND email = ${email}::text) OR (${phone}::text IS NOT NULL AND phone = ${phone}::text))
      ORDER BY (email IS NOT DISTINCT FROM ${email}::text) DESC, id
      LIMIT 1
    ),
    linked AS (
      INSERT INTO contact_identities (workspace_id, contact_id, channel_id, external_id)
      SELECT ${input.workspaceId}, contact_id, ${input.channelId}, ${input.externalId} FROM match
      ON CONFLICT (channel_id, external_id) DO NOTHING
      RETURNING contact_id
    )
    SELECT contact_id FROM known UNION ALL SELECT contact_id FROM linked`);
  return rows[0] ? Number(rows[0].contact_id) : null;
}

/** The contact a form identity belongs to (after the ingest created or matched it). */
export async function contactOfIdentity(db: Db, channelId: number, externalId: string): Promise<number | null> {
  const rows = await queryRows<{ contact_id: number | string }>(db, sql`
    SELECT contact_id FROM contact_identities WHERE channel_id = ${channelId} AND external_id = ${externalId}`);
  return rows[0] ? Number(rows[0].contact_id) : null;
}
