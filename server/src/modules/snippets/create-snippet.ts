import type { UseCaseContext } from '../use-case.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findUsableSnippet, insertSnippet } from './snippets.repo.js';
import { toSnippetDto } from './snippet-dto.js';
import { snippetEvent } from './snippet-events.js';
import type { CreateSnippetInput } from './snippets.schemas.js';

export const shortcutTaken = (shortcut: string, scope: 'workspace' | 'personal') =>
  conflict(
    scope === 'workspace' ? `The workspace already has a snippet /${shortcut}` : `You already have a snippet /${shortcut}`,
    [{ field: 'body.shortcut', message: 'already taken' }],
  );

/** Workspace snippets are for admins and owners; any user may keep personal ones. */
export async function createSnippet(ctx: UseCaseContext, input: CreateSnippetInput) {
  const { actor } = ctx;
  if (input.scope === 'workspace' && !can(actor, 'snippet.manage', { workspaceId: actor.workspaceId })) {
    throw forbidden('Only admins and owners manage workspace snippets');
  }
  if (input.scope === 'personal' && actor.userId === null) {
    throw badRequest('Personal snippets belong to a user; an API token can only create workspace snippets', [{ field: 'body.scope', message: 'use workspace' }]);
  }
  const ownerId = input.scope === 'personal' ? actor.userId : null;
  try {
    return await inTransaction(ctx, async (tx, emit) => {
      const row = await insertSnippet(tx, {
        workspaceId: actor.workspaceId,
        ownerId,
        shortcut: input.shortcut,
        title: input.title || input.shortcut,
        body: input.body,
        action: input.action ?? null,
        createdBy: actor.userId,
      });
      const dto = toSnippetDto((await findUsableSnippet(tx, actor.workspaceId, actor.userId, row.id))!);
      emit(snippetEvent(actor, 'snippet.created', dto, ownerId));
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(input.shortcut, input.scope);
    throw err;
  }
}
