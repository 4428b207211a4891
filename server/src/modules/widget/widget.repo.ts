import { and, desc, eq, inArray, lt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { channels } from '../channels/channels.tables.js';
import { contactIdentities } from '../contacts/contacts.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { conversationRatings } from '../conversations/conversation-ratings.tables.js';
import { messages } from '../messages/messages.tables.js';
import { users } from '../workspaces/workspaces.tables.js';

/**
 * The channel behind an embed snippet's public token. No index on config->>'publicToken' (schema changes are out
 * of this change): the channels table holds a few rows per workspace and the result is cached by the caller.
 */
export async function findWebchatChannelIdByPublicToken(db: Db, publicToken: string): Promise<number | null> {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.type, 'webchat'), sql`${channels.config}->>'publicToken' = ${publicToken}`))
    .limit(1);
  return row?.id ?? null;
}

/** The visitor's contact on this channel, if they have written or filled the pre-chat form. */
export async function findVisitorContactId(db: Db, channelId: number, visitorId: string): Promise<number | null> {
  const [row] = await db
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.externalId, visitorId)));
  return row?.contactId ?? null;
}

export interface VisitorConversationRow {
  id: number;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  score: number | null;
  comment: string | null;
}

/** The visitor's conversations on this channel, newest first, with their rating. */
export async function visitorConversations(db: Db, channelId: number, contactId: number, limit = 50): Promise<VisitorConversationRow[]> {
  return db
    .select({
      id: conversations.id,
      status: conversations.status,
      createdAt: conversations.createdAt,
      closedAt: conversations.closedAt,
      score: conversationRatings.score,
      comment: conversationRatings.comment,
    })
    .from(conversations)
    .leftJoin(conversationRatings, eq(conversationRatings.conversationId, conversations.id))
    .where(and(eq(conversations.channelId, channelId), eq(conversations.contactId, contactId)))
    .orderBy(desc(conversations.id))
    .limit(limit);
}

/** One conversation, only when it is this visitor's on this channel (else undefined: answered 404). */
export async function findVisitorConversation(db: Db, channelId: number, contactId: number, conversationId: number, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.channelId, channelId), eq(conversations.contactId, contactId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * A page of what the visitor may read: customer-facing messages (never notes or activity entries, never deleted
 * ones) of their conversations on this channel, newest first, before a message id.
 */
export async function visitorMessagesPage(db: Db, channelId: number, contactId: number, page: { before?: number; limit: number }) {
  return db
    .select({ message: messages })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(conversations.channelId, channelId),
        eq(conversations.contactId, contactId),
        eq(messages.kind, 'message'),
        isNull(messages.deletedAt),
        page.before ? lt(messages.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(page.limit)
    .then((rows) => rows.map((r) => r.message));
}

/** The agent's reply messages in the visitor's conversations, up to an id, not yet read: their receipts move forward. */
export async function unreadAgentMessageIds(db: Db, channelId: number, contactId: number, upTo: number): Promise<number[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(conversations.channelId, channelId),
        eq(conversations.contactId, contactId),
        eq(messages.kind, 'message'),
        eq(messages.direction, 'outbound'),
        sql`${messages.id} <= ${upTo}`,
        inArray(messages.deliveryStatus, ['queued', 'sent', 'delivered']),
      ),
    )
    .orderBy(messages.id)
    .limit(500);
  return rows.map((r) => r.id);
}

export interface AgentProfileRow {
  id: number;
  name: string;
  avatarUrl: string | null;
  avatarKey: string | null;
}

export async function agentProfiles(db: Db, userIds: number[]): Promise<AgentProfileRow[]> {
  if (userIds.length === 0) return [];
  return db.select({ id: users.id, name: users.name, avatarUrl: users.avatarUrl, avatarKey: users.avatarKey }).from(users).where(inArray(users.id, userIds));
}

/**
 * The visitors whose conversations these are: the conversation's contact's identities on the conversation's own
 * channel (the visitor hub routes events by them). Conversations of other channel types simply have no visitor.
 */
export async function conversationVisitors(db: Db, ids: number[]): Promise<Array<{ id: number; channelId: number; visitorId: string | null }>> {
  if (ids.length === 0) return [];
  return db
    .select({ id: conversations.id, channelId: conversations.channelId, visitorId: contactIdentities.externalId })
    .from(conversations)
    .leftJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)))
    .where(inArray(conversations.id, ids));
}

/** The visitor's latest conversation on this channel (what typing refers to). */
export async function latestVisitorConversation(db: Db, channelId: number, contactId: number) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.channelId, channelId), eq(conversations.contactId, contactId)))
    .orderBy(desc(conversations.id))
    .limit(1);
  return row;
}

/** One rating per conversation: a second one replaces the first. */
export async function upsertRating(tx: Db, row: typeof conversationRatings.$inferInsert) {
  const [saved] = await tx
    .insert(conversationRatings)
    .values(row)
    .onConflictDoUpdate({
      target: conversationRatings.conversationId,
      set: { score: row.score, comment: row.comment ?? null, assigneeId: row.assigneeId ?? null, teamId: row.teamId ?? null, createdAt: row.createdAt },
    })
    .returning();
  return saved;
}

/** The page the visitor last wrote from (kept on their messages), for the link in a continuity e-mail. */
export async function lastVisitorPageUrl(db: Db, conversationId: number): Promise<string | null> {
  const [row] = await db
    .select({ url: sql<string | null>`${messages.meta}->>'pageUrl'` })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'inbound'), sql`${messages.meta} ? 'pageUrl'`))
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.url ?? null;
}

/** Of these conversations, the web chat ones, with their channel's config (the continuity e-mail reads it). */
export async function webchatConversations(db: Db, ids: number[]): Promise<Array<{ id: number; channelId: number; channelName: string; config: Record<string, unknown> }>> {
  if (ids.length === 0) return [];
  return db
    .select({ id: conversations.id, channelId: channels.id, channelName: channels.name, config: channels.config })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(inArray(conversations.id, ids), eq(channels.type, 'webchat')));
}
