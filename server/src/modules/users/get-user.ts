import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findMember } from './users.repo.js';
import { toMemberDto } from './member-dto.js';

export async function getUser(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const member = await findMember(ctx.db, actor.workspaceId, input.id);
  if (!member) throw notFound('User');
  if (!can(actor, 'user.read', { workspaceId: actor.workspaceId })) throw forbidden();
  return toMemberDto(member);
}
