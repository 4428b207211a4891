import { atLeast, type Actor } from '../auth/permissions.js';
import type { SnippetViewer } from './snippets.repo.js';

/** Whose snippets an actor sees: their own, their teams' (admins and integrations: every team's), the workspace's. */
export const snippetViewer = (actor: Actor): SnippetViewer => ({
  userId: actor.userId,
  teamIds: actor.teamIds,
  allTeams: actor.type !== 'user' || atLeast(actor, 'admin'),
});

export type SnippetScope = 'workspace' | 'team' | 'personal';

export const scopeOf = (s: { ownerId: number | null; teamId: number | null }): SnippetScope =>
  s.ownerId !== null ? 'personal' : s.teamId !== null ? 'team' : 'workspace';
