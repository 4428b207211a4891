import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { decodeNameCursor, pageOf } from '../name-cursor.js';
import { listClosingCategories as listRows } from './closing-categories.repo.js';
import { toClosingCategoryDto } from './catalogue-dto.js';

export async function listClosingCategories(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'workspace.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const page = pageOf(await listRows(ctx.db, actor.workspaceId, { after: decodeNameCursor(input.cursor), limit: input.limit + 1 }), input.limit);
  return { items: page.items.map(toClosingCategoryDto), nextCursor: page.nextCursor };
}
