import type { UseCaseContext } from '../use-case.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findUsableSnippet, insertSnippet } from './snippets.repo.js';
import { toSnippetDto } from './snippet-dto.js';
import { snippetEvent } from './snippet-events.js';
import type { CreateSnippetInput } from './snippets.schemas.js';
import { snippetViewer, type SnippetScope } from './snippet-viewer.js';
import { findTeam } from '../teams/teams.repo.js';

const taken: Record<SnippetScope, string> = {
  workspace: 'The workspace already has a snippet',
  team: 'The team already has a snippet',
  personal: 'You already have a snippet',
};

export const shortcutTaken = (shortcut: string, scope: SnippetScope) =>
  conflict(`${taken[scope]} /${shortcut}`, [{ field: 'body.shortcut', message: 'already taken' }]);

/** Workspace and team snippets are for admins and owners; any user may keep personal ones. */
export async function createSnippet(ctx: UseCaseContext, input: CreateSnippetInput) {
  const { actor } = ctx;
  if (input.scope !== 'personal' && !can(actor, 'snippet.manage', { workspaceId: actor.workspaceId })) {
    throw forbidden('Only admins and owners manage workspace and team snippets');
  }
  if ((input.scope === 'team') !== (input.teamId !== undefined)) {
    throw badRequest('A team snippet names its team, and only a team snippet does', [{ field: 'body.teamId', message: input.scope === 'team' ? 'required' : 'only with scope team' }]);
  }
  if (input.teamId !== undefined && !(await findTeam(ctx.db, actor.workspaceId, input.teamId))) {
    throw badRequest('No such team in this workspace', [{ field: 'body.teamId', message: 'unknown team' }]);
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
        teamId: input.teamId ?? null,
        shortcut: input.shortcut,
        title: input.title || input.shortcut,
        body: input.body,
        action: input.action ?? null,
        createdBy: actor.userId,
      });
      const dto = toSnippetDto((await findUsableSnippet(tx, actor.workspaceId, snippetViewer(actor), row.id))!);
      emit(snippetEvent(actor, 'snippet.created', dto, ownerId));
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(input.shortcut, input.scope);
    throw err;
  }
}
