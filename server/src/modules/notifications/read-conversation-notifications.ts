import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { countUnread, markRead } from './notifications.repo.js';

/** A member opened a conversation: its notifications in their bell are read (theirs only, nobody else's). */
export async function readConversationNotifications(ctx: AppContext, input: { workspaceId: number; userId: number; conversationId: number }) {
  const { workspaceId, userId, conversationId } = input;
  return inTransaction(ctx, async (tx, emit) => {
    const changed = await markRead(tx, workspaceId, userId, { conversationId }, ctx.clock.now());
    if (changed.length === 0) return [];
    const unreadCount = await countUnread(tx, workspaceId, userId);
    emit({ workspaceId, type: 'notification.read', audience: [userId], actor: { type: 'user', id: userId }, payload: { userId, ids: changed, unreadCount } });
    return changed;
  });
}
