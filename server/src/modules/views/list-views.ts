import type { UseCaseContext } from '../use-case.js';
import { listViews as listViewRows } from './views.repo.js';
import { toViewDto } from './view-dto.js';

/** My saved views and those shared by others. */
export async function listViews(ctx: UseCaseContext) {
  const rows = await listViewRows(ctx.db, ctx.actor.workspaceId, ctx.actor.userId);
  return { items: rows.map((v) => toViewDto(v, ctx.actor.userId)) };
}
