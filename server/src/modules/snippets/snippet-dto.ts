import type { SnippetView } from './snippets.repo.js';
import type { SnippetDto } from './snippets.schemas.js';

export const toSnippetDto = (s: SnippetView): SnippetDto => ({
  id: s.id,
  shortcut: s.shortcut,
  title: s.title,
  body: s.body,
  scope: s.ownerId === null ? 'workspace' : 'personal',
  createdBy: s.createdBy !== null && s.creatorName !== null ? { id: s.createdBy, name: s.creatorName } : null,
  updatedAt: s.updatedAt.toISOString(),
});
