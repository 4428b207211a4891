import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { decodeNameCursor, pageOf } from '../name-cursor.js';
import { listTags as listTagRows } from './tags.repo.js';
import { toTagDto } from './catalogue-dto.js';

export async function listTags(ctx: UseCaseContext, input: { cursor?: string; limit: number }) {
  const { actor } = ctx;
  if (!can(actor, 'workspace.read', { workspaceId: actor.workspaceId })) throw forbidden();
  const page = pageOf(await listTagRows(ctx.db, actor.workspaceId, { after: decodeNameCursor(input.cursor), limit: input.limit + 1 }), input.limit);
  return { items: page.items.map(toTagDto), nextCursor: page.nextCursor };
}
