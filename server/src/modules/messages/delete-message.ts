import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { atLeast, can } from '../auth/permissions.js';
import { lockVisibleConversation } from '../conversations/change-conversation.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { findMessage, setMessageDeleted } from './messages.repo.js';

/** Soft delete (seed 002): the entry stays in the timeline as deleted. Own replies and notes; supervisors any. */
export async function deleteMessage(ctx: UseCaseContext, messageId: number) {
  const m = await findMessage(ctx.db, ctx.actor.workspaceId, messageId);
  if (!m) throw notFound('Message');
  return inTransaction(ctx, async (tx, emit) => {
    const c = await lockVisibleConversation(ctx, tx, m.conversationId);
    if (!can(ctx.actor, 'conversation.delete-message', c)) throw forbidden();
    if (m.kind === 'activity' || m.direction === 'inbound') throw badRequest('Only replies and notes can be deleted');
    const own = m.senderType === 'user' && m.senderId === ctx.actor.userId;
    if (!own && !atLeast(ctx.actor, 'supervisor')) throw forbidden('You can delete only your own messages');
    const deleted = await setMessageDeleted(tx, m.id, ctx.clock.now());
    if (!deleted) throw notFound('Message');
    emit(conversationEvent(c, 'message.deleted', eventActor(ctx.actor), { messageId: m.id }));
    return { id: m.id, deletedAt: deleted.deletedAt!.toISOString() };
  });
}
