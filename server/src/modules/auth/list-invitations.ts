import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from './permissions.js';
import { listPendingInvitations } from './invitations.repo.js';
import { toInvitationDto } from './invitation-dto.js';

export async function listInvitations(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'user.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listPendingInvitations(ctx.db, actor.workspaceId, ctx.clock.now(), { afterId: input.cursor ? Number(input.cursor) : undefined, limit: input.limit + 1 });
  const items = rows.slice(0, input.limit);
  return { items: items.map(toInvitationDto), nextCursor: rows.length > input.limit ? String(items.at(-1)!.id) : null };
}
