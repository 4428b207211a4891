import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { countUnread, listNotifications } from './notifications.repo.js';
import { notificationDto } from './notification-dto.js';

/** The signed-in user's bell in this workspace: newest first, keyset-paged, with the unread count (two queries). */
export async function listNotificationsUseCase(ctx: UseCaseContext, input: { unread?: boolean; cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has notifications');
  const rows = await listNotifications(ctx.db, actor.workspaceId, actor.userId, {
    unreadOnly: input.unread === true,
    beforeId: input.cursor ? Number(input.cursor) : undefined,
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit).map(notificationDto);
  const unreadCount = await countUnread(ctx.db, actor.workspaceId, actor.userId);
  return { items, nextCursor: rows.length > input.limit ? String(items.at(-1)!.id) : null, unreadCount };
}

export async function countUnreadNotifications(ctx: UseCaseContext) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has notifications');
  return { unreadCount: await countUnread(ctx.db, actor.workspaceId, actor.userId) };
}
