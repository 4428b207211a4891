import type { UseCaseContext } from '../use-case.js';
import { listSnippets as listSnippetRows } from './snippets.repo.js';
import { toSnippetDto } from './snippet-dto.js';
import { snippetViewer } from './snippet-viewer.js';

/** The workspace's snippets, the actor's teams' and their personal ones. */
export async function listSnippets(ctx: UseCaseContext, input: { q?: string }) {
  const rows = await listSnippetRows(ctx.db, ctx.actor.workspaceId, snippetViewer(ctx.actor), input.q);
  return { items: rows.map(toSnippetDto) };
}
