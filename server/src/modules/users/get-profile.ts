import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { findMember, findUser } from './users.repo.js';
import { toOwnProfileDto } from './member-dto.js';

/** The signed-in user's profile, notification choices and status in the current workspace. */
export async function getProfile(ctx: UseCaseContext) {
  const { actor } = ctx;
  if (actor.type !== 'user' || actor.userId === null) throw forbidden('Only a signed-in user has a profile');
  const user = await findUser(ctx.db, actor.userId);
  const member = user && (await findMember(ctx.db, actor.workspaceId, actor.userId));
  if (!user || !member) throw notFound('User');
  return toOwnProfileDto(user, member.status);
}
