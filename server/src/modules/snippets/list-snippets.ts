import type { UseCaseContext } from '../use-case.js';
import { listSnippets as listSnippetRows } from './snippets.repo.js';
import { toSnippetDto } from './snippet-dto.js';

/** The workspace's snippets and the actor's personal ones; every member may use them. */
export async function listSnippets(ctx: UseCaseContext, input: { q?: string }) {
  const rows = await listSnippetRows(ctx.db, ctx.actor.workspaceId, ctx.actor.userId, input.q);
  return { items: rows.map(toSnippetDto) };
}
