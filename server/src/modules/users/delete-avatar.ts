import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { activeWorkspaceIds, findMember, lockUser, updateUser } from './users.repo.js';
import { toOwnProfileDto } from './member-dto.js';
import { removeStoredAvatar } from './upload-avatar.js';

/** Removes the signed-in user's picture (uploaded or external); the team sees their initials again. */
export async function deleteAvatar(ctx: UseCaseContext) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has a profile');
  const userId = actor.userId;
  const member = await findMember(ctx.db, actor.workspaceId, userId);
  if (!member) throw notFound('User');
  const workspaceIds = await activeWorkspaceIds(ctx.db, userId);
  const { row, previous } = await inTransaction(ctx, async (tx, emit) => {
    const user = await lockUser(tx, userId);
    if (!user) throw notFound('User');
    if (user.avatarUrl === null && user.avatarKey === null) return { row: user, previous: null };
    const row = await updateUser(tx, userId, { avatarUrl: null, avatarKey: null });
    for (const workspaceId of workspaceIds) emit({ workspaceId, type: 'user.updated', actor: eventActor(actor), payload: { userId, changes: { avatarUrl: null } } });
    return { row, previous: user.avatarKey };
  });
  if (previous) await removeStoredAvatar(ctx, previous);
  return toOwnProfileDto(row, member.status);
}
