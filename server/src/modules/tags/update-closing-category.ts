import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findClosingCategory, updateClosingCategory as updateRow } from './closing-categories.repo.js';
import { toClosingCategoryDto } from './catalogue-dto.js';
import { nameTaken } from './create-tag.js';

/** Closed conversations keep the name they were closed with: a closing note is a record of that moment. */
export async function updateClosingCategory(ctx: UseCaseContext, input: { id: number; name: string }) {
  const { actor } = ctx;
  const category = await findClosingCategory(ctx.db, actor.workspaceId, input.id);
  if (!category) throw notFound('Closing category');
  if (!can(actor, 'tag.manage', { workspaceId: category.workspaceId })) throw forbidden();
  if (input.name === category.name) return toClosingCategoryDto(category);
  try {
    const row = await inTransaction(ctx, async (tx, emit) => {
      const row = await updateRow(tx, category.id, { name: input.name });
      emit({ workspaceId: category.workspaceId, type: 'closing_category.updated', actor: eventActor(actor), payload: { closingCategoryId: category.id, previousName: category.name, changes: { name: input.name } } });
      return row;
    });
    return toClosingCategoryDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('closing category', input.name);
    throw err;
  }
}
