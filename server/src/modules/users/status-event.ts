import type { EventActor, NewEvent } from '../../platform/events/event-types.js';
import type { MemberStatus } from './presence-rules.js';

/**
 * A member's status changed. Its own type, not `user.updated`: that one makes every socket reload its
 * permissions, and statuses change far more often than permissions.
 */
export function statusChanged(workspaceId: number, userId: number, status: MemberStatus, actor: EventActor): NewEvent {
  return { workspaceId, type: 'user.status_changed', actor, payload: { userId, status } };
}
