import type { EventRow } from '../../platform/events/event-types.js';
import { type Actor, atLeast, canSeeCalls, canSeeConversation } from './permissions.js';

/** The fields of an event that decide who may see it. */
export type EventScope = Pick<EventRow, 'workspaceId' | 'type' | 'conversationId' | 'teamId' | 'assigneeId' | 'audience' | 'payload'>;

/** Events addressed to someone alone (their notifications and choices): only the users in the audience see them. */
export function isPersonalEvent(type: string): boolean {
  return type.startsWith('notification.');
}

/** Events about credentials and invitations: only admins and owners manage these, so only they see them. */
export function isAdminOnlyEvent(type: string): boolean {
  return type.startsWith('apitoken.') || type.startsWith('invitation.') || type === 'channel.secret_rotated' || type.startsWith('channel.connect');
}

/** The bots' settings and their review (instructions, flagged answers): supervisors and up, as over HTTP. */
export function isBotEvent(type: string): boolean {
  return type.startsWith('bot.');
}

type Scope = { teamId?: number | null; assigneeId?: number | null };

/**
 * The scope the conversation had before the change. Assignment and transfer events carry it, so the
 * agent or team that loses a conversation sees it leave. A key that is absent did not change.
 */
function previousScope(e: EventScope): Scope | null {
  const prev = (e.payload as { previous?: unknown } | null)?.previous;
  if (!prev || typeof prev !== 'object') return null;
  const p = prev as Scope;
  return { teamId: 'teamId' in p ? p.teamId : e.teamId, assigneeId: 'assigneeId' in p ? p.assigneeId : e.assigneeId };
}

/**
 * May this actor see this event? The realtime hub asks this for every pushed event; it is the HTTP
 * rule (`can(actor, 'conversation.read', scope)`) applied to the scope the event records.
 */
export function canSeeEvent(actor: Actor, e: EventScope): boolean {
  if (actor.workspaceId !== e.workspaceId) return false;
  if (actor.type === 'system') return true;
  if (isPersonalEvent(e.type)) return actor.userId !== null && (e.audience ?? []).includes(actor.userId);
  if (isBotEvent(e.type) && !atLeast(actor, 'supervisor')) return false;
  if (e.conversationId != null) {
    if (canSeeConversation(actor, { workspaceId: e.workspaceId, teamId: e.teamId, assigneeId: e.assigneeId })) return true;
    const prev = previousScope(e);
    if (prev && canSeeConversation(actor, { workspaceId: e.workspaceId, ...prev })) return true;
    return actor.userId !== null && (e.audience ?? []).includes(actor.userId);
  }
  if (isAdminOnlyEvent(e.type)) return atLeast(actor, 'admin');
  if (e.type.startsWith('call.')) return canSeeCalls(actor);
  return true;
}
