import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { advanceDelivery } from '../messages/messages.repo.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import type { Visitor } from './widget-visitor.js';
import { findVisitorContactId, unreadAgentMessageIds } from './widget.repo.js';

/**
 * The widget saw the agent's replies up to a message (the chat was open and visible): they move to `read`
 * (forward only), agents see the ticks, and no continuity e-mail goes out for them.
 */
export async function markRead(ctx: AppContext, visitor: Visitor, upToMessageId: number) {
  const contactId = await findVisitorContactId(ctx.db, visitor.channel.id, visitor.claims.visitorId);
  if (contactId === null) return { ok: true };
  const ids = await unreadAgentMessageIds(ctx.db, visitor.channel.id, contactId, upToMessageId);
  if (ids.length === 0) return { ok: true };
  await inTransaction(ctx, async (tx, emit) => {
    const moved = [];
    for (const id of ids) {
      const row = await advanceDelivery(tx, { id }, 'read');
      if (row) moved.push(row);
    }
    const conversations = new Map((await findConversationsByIds(tx, visitor.channel.workspaceId, [...new Set(moved.map((m) => m.conversationId))])).map((c) => [c.id, c]));
    for (const m of moved) {
      emit(conversationEvent(conversations.get(m.conversationId)!, 'message.status_changed', { type: 'contact', id: contactId }, { messageId: m.id, status: m.deliveryStatus, failureReason: m.failureReason, externalId: m.externalId }));
    }
  });
  return { ok: true };
}
