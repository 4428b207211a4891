import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteView as deleteViewRow } from './views.repo.js';
import { viewEvent } from './view-dto.js';
import { loadEditableView } from './update-view.js';

export async function deleteView(ctx: UseCaseContext, id: number) {
  const view = await loadEditableView(ctx, id);
  await inTransaction(ctx, async (tx, emit) => {
    await deleteViewRow(tx, view.id);
    emit(viewEvent(ctx.actor, 'view.deleted', view));
  });
  return { id: view.id, deleted: true as const };
}
