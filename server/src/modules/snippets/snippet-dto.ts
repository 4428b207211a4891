import type { SnippetView } from './snippets.repo.js';
import { snippetAction, type SnippetDto } from './snippets.schemas.js';
import { scopeOf } from './snippet-viewer.js';

export const toSnippetDto = (s: SnippetView): SnippetDto => ({
  id: s.id,
  shortcut: s.shortcut,
  title: s.title,
  body: s.body,
  scope: scopeOf(s),
  team: s.teamId !== null && s.teamName !== null ? { id: s.teamId, name: s.teamName } : null,
  // An action this server does not know (written by a newer one) is left out rather than failing the list.
  action: snippetAction.safeParse(s.action).data ?? null,
  createdBy: s.createdBy !== null && s.creatorName !== null ? { id: s.createdBy, name: s.creatorName } : null,
  updatedAt: s.updatedAt.toISOString(),
});
