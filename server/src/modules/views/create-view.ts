import type { UseCaseContext } from '../use-case.js';
import { badRequest } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { findVisibleView, insertView } from './views.repo.js';
import { toViewDto, viewEvent } from './view-dto.js';
import type { CreateViewInput } from './views.schemas.js';

/** Every member may save views; sharing one shows it (read-only) to the whole workspace. */
export async function createView(ctx: UseCaseContext, input: CreateViewInput) {
  const { actor } = ctx;
  const me = actor.userId;
  if (me === null) throw badRequest('Saved views belong to a user; sign in to save one');
  return inTransaction(ctx, async (tx, emit) => {
    const row = await insertView(tx, { workspaceId: actor.workspaceId, ownerId: me, name: input.name, filters: input.filters, shared: input.shared });
    emit(viewEvent(actor, 'view.created', row));
    return toViewDto((await findVisibleView(tx, actor.workspaceId, me, row.id))!, me);
  });
}
