import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { conversations } from '../conversations/conversations.tables.js';
import { contactIdentities } from '../contacts/contacts.tables.js';

/** The contact's id on the conversation's channel: where a reply is addressed. */
export async function contactExternalId(db: Db, conversationId: number): Promise<string | null> {
  const [row] = await db
    .select({ externalId: contactIdentities.externalId })
    .from(conversations)
    .innerJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)))
    .where(eq(conversations.id, conversationId))
    .orderBy(sql`${contactIdentities.id} desc`)
    .limit(1);
  return row?.externalId ?? null;
}
