import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { deleteTag as deleteTagRow, findTag, removeTagLabels } from './tags.repo.js';

/** The tag leaves the catalogue and every conversation and contact that carried it. */
export async function deleteTag(ctx: UseCaseContext, input: { id: number }) {
  const { actor } = ctx;
  const tag = await findTag(ctx.db, actor.workspaceId, input.id);
  if (!tag) throw notFound('Tag');
  if (!can(actor, 'tag.manage', { workspaceId: tag.workspaceId })) throw forbidden();
  await inTransaction(ctx, async (tx, emit) => {
    await deleteTagRow(tx, tag.id);
    await removeTagLabels(tx, tag.workspaceId, tag.name);
    emit({ workspaceId: tag.workspaceId, type: 'tag.deleted', actor: eventActor(actor), payload: { tagId: tag.id, name: tag.name } });
  });
}
