import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { conversations } from '../conversations/conversations.tables.js';
import { contactIdentities } from '../contacts/contacts.tables.js';
import { messages } from './messages.tables.js';

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

/**
 * The customer's latest message with a provider id in the conversation, which a threading channel (email)
 * answers; automatic replies (meta.autoReply: out-of-office, bulk) are not what an agent answers.
 */
export async function lastInboundMessage(db: Db, conversationId: number): Promise<{ externalId: string; meta: Record<string, unknown> } | null> {
  const [row] = await db
    .select({ externalId: messages.externalId, meta: messages.meta })
    .from(messages)
    .where(and(
      eq(messages.conversationId, conversationId),
      eq(messages.direction, 'inbound'),
      eq(messages.kind, 'message'),
      isNotNull(messages.externalId),
      sql`not coalesce(${messages.meta}->'autoReply' = 'true'::jsonb, false)`,
    ))
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.externalId ? { externalId: row.externalId, meta: row.meta } : null;
}

/** One more part of a multi-part reply accepted by the provider (its id kept in `meta.sentParts`, in order). */
export async function recordSentPart(db: Db, messageId: number, externalId: string) {
  await db.execute(sql`UPDATE messages SET meta = jsonb_set(meta, '{sentParts}', coalesce(meta->'sentParts', '[]'::jsonb) || to_jsonb(${externalId}::text)) WHERE id = ${messageId}`);
}
