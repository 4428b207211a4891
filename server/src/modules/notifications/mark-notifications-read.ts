import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import { countUnread, markRead } from './notifications.repo.js';

/**
 * Marks the signed-in user's notifications read: the ones given, or all of this workspace. Their other
 * tabs and devices hear it (`notification.read`), so every bell shows the same count.
 */
export async function markNotificationsRead(ctx: UseCaseContext, input: { ids?: number[]; all?: boolean }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has notifications');
  const userId = actor.userId;
  if (!input.all && !input.ids?.length) throw badRequest('Give the ids to mark read, or all: true', [{ field: 'body.ids', message: 'required unless all is true' }]);
  return inTransaction(ctx, async (tx, emit) => {
    const changed = await markRead(tx, actor.workspaceId, userId, input.all ? { all: true } : { ids: input.ids }, ctx.clock.now());
    const unreadCount = await countUnread(tx, actor.workspaceId, userId);
    if (changed.length) {
      emit({ workspaceId: actor.workspaceId, type: 'notification.read', audience: [userId], actor: eventActor(actor), payload: { userId, ids: changed, unreadCount } });
    }
    return { unreadCount };
  });
}
