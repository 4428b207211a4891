import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from './permissions.js';
import { listApiTokens as listApiTokenRows } from './api-tokens.repo.js';
import { toApiTokenDto } from './api-token-dto.js';

export async function listApiTokens(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'apitoken.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  const rows = await listApiTokenRows(ctx.db, actor.workspaceId, { afterId: input.cursor ? Number(input.cursor) : undefined, limit: input.limit + 1 });
  const items = rows.slice(0, input.limit);
  return { items: items.map(toApiTokenDto), nextCursor: rows.length > input.limit ? String(items.at(-1)!.id) : null };
}
