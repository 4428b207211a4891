import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findMember, findUser } from './users.repo.js';
import { avatarContentType } from './avatar-image.js';

/** An uploaded picture of a member of the actor's workspace, with the only content types we store. */
export async function openAvatar(ctx: UseCaseContext, userId: number) {
  const { actor } = ctx;
  if (!can(actor, 'user.read', { workspaceId: actor.workspaceId })) throw notFound('Avatar');
  const member = await findMember(ctx.db, actor.workspaceId, userId);
  const user = member && (await findUser(ctx.db, userId));
  const contentType = user?.avatarKey ? avatarContentType(user.avatarKey) : null;
  if (!user?.avatarKey || !contentType) throw notFound('Avatar');
  return { contentType, stream: ctx.storage.get(user.avatarKey) };
}
