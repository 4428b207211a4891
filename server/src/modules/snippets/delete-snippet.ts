import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteSnippet as deleteSnippetRow } from './snippets.repo.js';
import { toSnippetDto } from './snippet-dto.js';
import { snippetEvent } from './snippet-events.js';
import { loadManageableSnippet } from './update-snippet.js';

export async function deleteSnippet(ctx: UseCaseContext, id: number) {
  const snippet = await loadManageableSnippet(ctx, id);
  await inTransaction(ctx, async (tx, emit) => {
    await deleteSnippetRow(tx, snippet.id);
    emit(snippetEvent(ctx.actor, 'snippet.deleted', toSnippetDto(snippet), snippet.ownerId));
  });
  return { id: snippet.id, deleted: true as const };
}
