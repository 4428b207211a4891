import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { lockVisibleConversation } from './change-conversation.js';
import { updateConversation } from './conversations.repo.js';
import { markMentionsSeen } from './conversation-mentions.repo.js';
import { conversationEvent } from './conversation-events.js';
import { getConversation } from './list-conversations.js';

/**
 * Opening a conversation reads it: the unread counter goes to 0 for everyone and my mentions in it
 * are seen. Nothing to change, nothing written (the dashboard calls this on every open).
 */
export async function markConversationRead(ctx: UseCaseContext, id: number) {
  const { actor } = ctx;
  await inTransaction(ctx, async (tx, emit) => {
    const before = await lockVisibleConversation(ctx, tx, id);
    if (!can(actor, 'conversation.read', before)) throw forbidden();
    const now = ctx.clock.now();
    const mentionsSeen = actor.userId === null ? 0 : await markMentionsSeen(tx, before.id, actor.userId, now);
    if (before.unreadCount === 0 && mentionsSeen === 0) return;
    const after = before.unreadCount === 0 ? before : await updateConversation(tx, before.id, { unreadCount: 0 });
    emit(conversationEvent(after, 'conversation.read', eventActor(actor), { userId: actor.userId, mentionsSeen }));
  });
  return getConversation(ctx, id);
}
