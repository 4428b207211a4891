import { and, asc, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { conversations } from '../conversations/conversations.tables.js';
import { channels } from '../channels/channels.tables.js';
import { contacts } from '../contacts/contacts.tables.js';
import { messages } from '../messages/messages.tables.js';
import { bots } from './bots.tables.js';
import type { ConversationRow } from '../conversations/conversations.repo.js';
import type { MessageRow } from '../messages/messages.repo.js';
import type { BotRow } from './bots.repo.js';

export interface AnswerScope {
  conversation: ConversationRow;
  channel: { id: number; type: string; botEnabled: boolean; defaultTeamId: number | null };
  /** The channel's bot, or the workspace's first one when the channel names none. */
  bot: BotRow | null;
  contact: { id: number; name: string; email: string | null; phone: string | null; language: string | null };
  inbound: MessageRow;
}

/** Everything the bot needs to answer one customer message; undefined when any part is gone. */
export async function findAnswerScope(db: Db, workspaceId: number, conversationId: number, inboundMessageId: number, opts: { forUpdate?: boolean } = {}): Promise<AnswerScope | undefined> {
  const query = db
    .select({
      conversation: conversations,
      channel: { id: channels.id, type: channels.type, botEnabled: channels.botEnabled, defaultTeamId: channels.defaultTeamId, botId: channels.botId },
      contact: { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, language: contacts.language },
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
  const [row] = opts.forUpdate ? await query.for('update', { of: conversations }) : await query;
  if (!row) return undefined;
  const [inbound] = await db.select().from(messages).where(and(eq(messages.id, inboundMessageId), eq(messages.conversationId, conversationId)));
  if (!inbound) return undefined;
  const [bot] = await db
    .select()
    .from(bots)
    .where(and(eq(bots.workspaceId, workspaceId), row.channel.botId ? eq(bots.id, row.channel.botId) : undefined))
    .orderBy(asc(bots.id))
    .limit(1);
  const { botId: _botId, ...channel } = row.channel;
  return { conversation: row.conversation, channel, bot: bot ?? null, contact: row.contact, inbound };
}

export interface HistoryLine {
  from: 'contact' | 'bot' | 'agent';
  text: string;
}

/** The conversation's last messages before one (oldest first), as the bot sees them: no notes, no activity. */
export async function conversationHistory(db: Db, conversationId: number, beforeMessageId: number, limit = 20): Promise<HistoryLine[]> {
  const rows = await db
    .select({ senderType: messages.senderType, body: messages.body })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.kind, 'message'), isNull(messages.deletedAt), lt(messages.id, beforeMessageId), sql`${messages.body} <> ''`))
    .orderBy(desc(messages.id))
    .limit(limit);
  return rows.reverse().map((r) => ({ from: r.senderType === 'contact' ? 'contact' : r.senderType === 'bot' ? 'bot' : 'agent', text: r.body }));
}

/** Whether the customer wrote to this conversation before this message. */
export async function customerWroteBefore(db: Db, conversationId: number, messageId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'inbound'), eq(messages.kind, 'message'), lt(messages.id, messageId)))
    .limit(1);
  return Boolean(row);
}

/** Whether the bot (the built-in or an external one through its token) wrote to the conversation after a message. */
export async function botWroteAfter(db: Db, conversationId: number, messageId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.senderType, 'bot'), sql`${messages.id} > ${messageId}`))
    .limit(1);
  return Boolean(row);
}
