import type { Actor } from '../auth/permissions.js';
import { eventActor, type NewEvent } from '../../platform/events/event-types.js';
import type { SnippetDto } from './snippets.schemas.js';

/**
 * `snippet.created|updated|deleted` on the workspace topic, so open dashboards refresh their lists.
 * A workspace or team snippet travels whole; a personal one only by id, addressed to its owner: every member
 * receives workspace-topic events, and a personal snippet is nobody else's business.
 */
export function snippetEvent(actor: Actor, type: 'snippet.created' | 'snippet.updated' | 'snippet.deleted', snippet: SnippetDto, ownerId: number | null): NewEvent {
  const base = { workspaceId: actor.workspaceId, type, actor: eventActor(actor) };
  if (ownerId === null) return { ...base, payload: { snippetId: snippet.id, scope: snippet.scope, snippet } };
  return { ...base, audience: [ownerId], payload: { snippetId: snippet.id, scope: 'personal', ownerId } };
}
