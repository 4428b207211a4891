import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { atLeast } from '../auth/permissions.js';
import { findVisibleView, updateView as updateViewRow, type ViewWithOwner } from './views.repo.js';
import { toViewDto, viewEvent } from './view-dto.js';
import type { UpdateViewInput } from './views.schemas.js';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Others' private views do not exist for me (404); shared ones are read-only unless I am their owner or an admin (403). */
export async function loadEditableView(ctx: UseCaseContext, id: number): Promise<ViewWithOwner> {
  const { actor } = ctx;
  const view = await findVisibleView(ctx.db, actor.workspaceId, actor.userId, id);
  if (!view) throw notFound('View');
  if (view.ownerId !== actor.userId && !atLeast(actor, 'admin')) throw forbidden('Only its owner or an admin can change a shared view');
  return view;
}

export async function updateView(ctx: UseCaseContext, id: number, input: UpdateViewInput) {
  const { actor } = ctx;
  const view = await loadEditableView(ctx, id);
  const changes: UpdateViewInput = {};
  if (input.name !== undefined && input.name !== view.name) changes.name = input.name;
  if (input.filters !== undefined && !sameJson(input.filters, view.filters)) changes.filters = input.filters;
  if (input.shared !== undefined && input.shared !== view.shared) changes.shared = input.shared;
  if (Object.keys(changes).length === 0) return toViewDto(view, actor.userId);
  return inTransaction(ctx, async (tx, emit) => {
    const row = await updateViewRow(tx, view.id, changes);
    emit(viewEvent(actor, 'view.updated', row));
    return toViewDto({ ...row, ownerName: view.ownerName }, actor.userId);
  });
}
