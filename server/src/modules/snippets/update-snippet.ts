import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { can } from '../auth/permissions.js';
import { isUniqueViolation } from '../pg-errors.js';
import { findUsableSnippet, updateSnippet as updateSnippetRow, type SnippetView } from './snippets.repo.js';
import { toSnippetDto } from './snippet-dto.js';
import { snippetEvent } from './snippet-events.js';
import { shortcutTaken } from './create-snippet.js';
import { scopeOf, snippetViewer } from './snippet-viewer.js';
import type { UpdateSnippetInput } from './snippets.schemas.js';

/** Someone else's personal snippet, or another team's, is invisible (404); a workspace or team snippet needs an admin (403). */
export async function loadManageableSnippet(ctx: UseCaseContext, id: number): Promise<SnippetView> {
  const { actor } = ctx;
  const snippet = await findUsableSnippet(ctx.db, actor.workspaceId, snippetViewer(actor), id);
  if (!snippet) throw notFound('Snippet');
  if (snippet.ownerId === null && !can(actor, 'snippet.manage', { workspaceId: snippet.workspaceId })) {
    throw forbidden('Only admins and owners manage workspace and team snippets');
  }
  return snippet;
}

export async function updateSnippet(ctx: UseCaseContext, id: number, input: UpdateSnippetInput) {
  const { actor } = ctx;
  const snippet = await loadManageableSnippet(ctx, id);
  const changes: UpdateSnippetInput = {};
  for (const key of ['shortcut', 'title', 'body'] as const) {
    const value = key === 'title' && input.title === '' ? (input.shortcut ?? snippet.shortcut) : input[key];
    if (value !== undefined && value !== snippet[key]) changes[key] = value;
  }
  if (input.action !== undefined && input.action !== snippet.action) changes.action = input.action;
  if (Object.keys(changes).length === 0) return toSnippetDto(snippet);
  try {
    return await inTransaction(ctx, async (tx, emit) => {
      await updateSnippetRow(tx, snippet.id, changes);
      const dto = toSnippetDto((await findUsableSnippet(tx, actor.workspaceId, snippetViewer(actor), snippet.id))!);
      emit(snippetEvent(actor, 'snippet.updated', dto, snippet.ownerId));
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(changes.shortcut!, scopeOf(snippet));
    throw err;
  }
}
