import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { listMembers } from './users.repo.js';
import { toMemberDto } from './member-dto.js';

/** The workspace's members, active or not, in id order: one query per page. */
export async function listUsers(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'user.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listMembers(ctx.db, actor.workspaceId, { afterId: input.cursor ? Number(input.cursor) : undefined, limit: input.limit + 1 });
  const items = rows.slice(0, input.limit);
  return { items: items.map(toMemberDto), nextCursor: rows.length > input.limit ? String(items.at(-1)!.id) : null };
}
