import { describe, expect, it } from 'vitest';
import { canSeeEvent, isPersonalEvent, type EventScope } from '../auth/event-visibility.js';
import type { Actor, AccessLevel, Role } from '../auth/permissions.js';

const actor = (userId: number, role: Role, accessLevel: AccessLevel = 'all'): Actor => ({ type: 'user', workspaceId: 1, userId, role, accessLevel, teamIds: [] });
const event = (over: Partial<EventScope>): EventScope => ({ workspaceId: 1, type: 'notification.created', conversationId: null, teamId: null, assigneeId: null, audience: [10], payload: {}, ...over });

describe('notification events reach their user alone', () => {
  it('only the user in the audience sees them, whatever the others\' role', () => {
    expect(canSeeEvent(actor(10, 'agent', 'assigned'), event({}))).toBe(true);
    for (const role of ['owner', 'admin', 'supervisor', 'agent'] as const) expect(canSeeEvent(actor(11, role), event({}))).toBe(false);
    expect(canSeeEvent({ ...actor(10, 'admin'), type: 'api', userId: null }, event({}))).toBe(false);
    expect(canSeeEvent(actor(10, 'agent'), event({ workspaceId: 2 }))).toBe(false);
  });

  it('holds even if one named a conversation the others can see', () => {
    expect(canSeeEvent(actor(11, 'owner'), event({ type: 'notification.read', conversationId: 5 }))).toBe(false);
  });

  it('covers every notification.* type and nothing else', () => {
    expect(isPersonalEvent('notification.created')).toBe(true);
    expect(isPersonalEvent('notification.preferences_changed')).toBe(true);
    expect(isPersonalEvent('user.status_changed')).toBe(false);
    // Other events with no conversation still reach every member, audience or not (user.updated names its user).
    expect(canSeeEvent(actor(11, 'agent'), event({ type: 'user.updated', audience: [10] }))).toBe(true);
  });
});
