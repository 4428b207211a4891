import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findTag, renameTagLabels, updateTag as updateTagRow } from './tags.repo.js';
import { toTagDto } from './catalogue-dto.js';
import { nameTaken } from './create-tag.js';

/** A rename follows the tag onto every conversation and contact that carries it. */
export async function updateTag(ctx: UseCaseContext, input: { id: number; name?: string; color?: string }) {
  const { actor } = ctx;
  const tag = await findTag(ctx.db, actor.workspaceId, input.id);
  if (!tag) throw notFound('Tag');
  if (!can(actor, 'tag.manage', { workspaceId: tag.workspaceId })) throw forbidden();
  const changes: { name?: string; color?: string } = {};
  if (input.name !== undefined && input.name !== tag.name) changes.name = input.name;
  if (input.color !== undefined && input.color !== tag.color) changes.color = input.color;
  if (Object.keys(changes).length === 0) return toTagDto(tag);
  try {
    const row = await inTransaction(ctx, async (tx, emit) => {
      const row = await updateTagRow(tx, tag.id, changes);
      if (changes.name) await renameTagLabels(tx, tag.workspaceId, tag.name, changes.name);
      emit({ workspaceId: tag.workspaceId, type: 'tag.updated', actor: eventActor(actor), payload: { tagId: tag.id, previousName: tag.name, changes } });
      return row;
    });
    return toTagDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken('tag', changes.name!);
    throw err;
  }
}
