import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { insertClosingCategory } from './closing-categories.repo.js';
import { toClosingCategoryDto } from './catalogue-dto.js';
import { nameTaken } from './create-tag.js';

export async function createClosingCategory(ctx: UseCaseContext, input: { name: string }) {
  const { actor } = ctx;
  if (!can(actor, 'tag.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  try {
    const row = await inTransaction(ctx, async (tx, emit) => {
      const row = await insertClosingCategory(tx, { workspaceId: actor.workspaceId, name: input.name });
      emit({ workspaceId: actor.workspaceId, type: 'closing_category.created', actor: eventActor(actor), payload: { closingCategoryId: row.id, name: row.name } });
      return row;
    });
    return toClosingCategoryDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('closing category', input.name);
    throw err;
  }
}
