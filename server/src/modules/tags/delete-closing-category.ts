import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { deleteClosingCategory as deleteRow, findClosingCategory } from './closing-categories.repo.js';

/** Leaves the catalogue; conversations already closed with it keep its name. */
export async function deleteClosingCategory(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const category = await findClosingCategory(ctx.db, actor.workspaceId, input.id);
  if (!category) throw notFound('Closing category');
  if (!can(actor, 'tag.manage', { workspaceId: category.workspaceId })) throw forbidden();
  await inTransaction(ctx, async (tx, emit) => {
    await deleteRow(tx, category.id);
    emit({ workspaceId: category.workspaceId, type: 'closing_category.deleted', actor: eventActor(actor), payload: { closingCategoryId: category.id, name: category.name } });
  });
}
