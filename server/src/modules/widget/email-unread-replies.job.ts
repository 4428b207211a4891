import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { attachmentsOf, findMessage, updateMessageMeta } from '../messages/messages.repo.js';
import { messageDto } from '../messages/messages.dto.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { findContact } from '../contacts/contacts.repo.js';
import { webchatConfigOf } from '../channels/webchat/webchat-settings.js';
import { agentInfos } from './visitor-dto.js';
import { lastVisitorPageUrl, webchatConversations } from './widget.repo.js';

export const EMAIL_UNREAD_REPLY = 'widget.email-unread-reply';

type Data = { workspaceId: number; messageId: number };

/**
 * Continuity by e-mail: an agent's web chat reply that the visitor has not seen (still not `read`: the widget
 * reports what it shows) some minutes later is mailed to the visitor's address, if they left one, with a link
 * back to the page they wrote from. Once per reply (the job id derives from it, and `meta.emailedAt` is kept).
 * The mailer sends from MAIL_FROM and has no Reply-To: answers to the mail reach that mailbox, not this
 * conversation, so the mail invites the visitor back to the chat instead.
 */
export const emailUnreadReplyJob: JobDefinition<Data, AppContext> = {
  name: EMAIL_UNREAD_REPLY,
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  async handle(ctx, { workspaceId, messageId }) {
    const message = await findMessage(ctx.db, workspaceId, messageId);
    if (!message || message.deletedAt || message.kind !== 'message' || message.direction !== 'outbound') return;
    if (message.deliveryStatus === 'read' || message.deliveryStatus === 'failed' || message.meta.emailedAt) return;
    const [conversation] = await findConversationsByIds(ctx.db, workspaceId, [message.conversationId]);
    const [channel] = await webchatConversations(ctx.db, [message.conversationId]);
    const contact = conversation && (await findContact(ctx.db, workspaceId, conversation.contactId));
    if (!conversation || !channel || !contact?.email || webchatConfigOf(channel.config).emailUnreadAfterMinutes === null) return;

    const agent = message.senderType === 'user' && message.senderId !== null ? (await agentInfos(ctx, [message.senderId])).get(message.senderId)?.name : undefined;
    const pageUrl = await lastVisitorPageUrl(ctx.db, conversation.id);
    const files = await attachmentsOf(ctx.db, [message.id]);
    await ctx.mail.send({ to: contact.email, ...unreadReplyMail({ contactName: contact.name, agent: agent ?? channel.channelName, channel: channel.channelName, body: message.body, files: files.map((f) => f.filename), pageUrl, language: contact.language }) });

    await inTransaction(ctx, async (tx, emit) => {
      const updated = await updateMessageMeta(tx, message.id, { emailedAt: ctx.clock.now().toISOString() });
      emit(conversationEvent(conversation, 'message.updated', { type: 'system' }, { message: messageDto(updated, files) }));
    });
  },
};

export function unreadReplyMail(m: { contactName: string; agent: string; channel: string; body: string; files: string[]; pageUrl: string | null; language: string | null }) {
  const en = m.language?.startsWith('en');
  const files = m.files.length ? `\n\n${en ? 'Files' : 'Archivos'}: ${m.files.join(', ')}` : '';
  const back = m.pageUrl ? `\n\n${en ? 'To continue the conversation, go back to' : 'Para seguir la conversación, vuelva a'} ${m.pageUrl}` : '';
  return en
    ? { subject: `${m.agent} replied to you (${m.channel})`, text: `Hello ${m.contactName},\n\n${m.agent} replied to you in the chat:\n\n${m.body}${files}${back}` }
    : { subject: `${m.agent} le respondió (${m.channel})`, text: `Hola ${m.contactName}:\n\n${m.agent} le respondió en el chat:\n\n${m.body}${files}${back}` };
}

/** Schedules the check for every agent reply in a web chat conversation, the channel's minutes after it was written. */
export const emailUnreadRepliesSubscriber: Subscriber = {
  name: 'widget.email-unread-replies',
  accepts: (e) => {
    const m = (e.payload as { message?: { kind?: string; direction?: string } }).message;
    return e.type === 'message.created' && m?.kind === 'message' && m.direction === 'outbound';
  },
  async handle(ctx, events) {
    const webchat = new Map((await webchatConversations(ctx.db, [...new Set(events.map((e) => e.conversationId!))])).map((c) => [c.id, c]));
    for (const e of events) {
      const c = webchat.get(e.conversationId!);
      const minutes = c && webchatConfigOf(c.config).emailUnreadAfterMinutes;
      if (!minutes) continue;
      const id = (e.payload as { message: { id: number } }).message.id;
      await ctx.queue.send(EMAIL_UNREAD_REPLY, { workspaceId: e.workspaceId, messageId: id }, { key: String(id), startAfter: new Date(e.createdAt.getTime() + minutes * 60_000) });
    }
  },
};
