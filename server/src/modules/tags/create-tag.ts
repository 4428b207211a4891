import type { UseCaseContext } from '../use-case.js';
import { conflict, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { insertTag } from './tags.repo.js';
import { toTagDto } from './catalogue-dto.js';

export const nameTaken = (what: string, name: string) => conflict(`A ${what} named "${name}" already exists`, [{ field: 'body.name', message: 'already taken' }]);

export async function createTag(ctx: UseCaseContext, input: { name: string; color?: string }) {
  const { actor } = ctx;
  if (!can(actor, 'tag.manage', { workspaceId: actor.workspaceId })) throw forbidden();
  try {
    const row = await inTransaction(ctx, async (tx, emit) => {
      const row = await insertTag(tx, { workspaceId: actor.workspaceId, name: input.name, color: input.color });
      emit({ workspaceId: actor.workspaceId, type: 'tag.created', actor: eventActor(actor), payload: { tagId: row.id, name: row.name, color: row.color } });
      return row;
    });
    return toTagDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('tag', input.name);
    throw err;
  }
}
