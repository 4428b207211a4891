import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../platform/events/event-types.js';
import { routingSubscriber } from './routing.subscriber.js';

const event = (type: string, payload: Record<string, unknown>) => ({ type, payload, conversationId: 1, workspaceId: 1 }) as unknown as EventRow;
const waiting = { status: 'queued', assigneeId: null, teamId: 3 };
const held = { status: 'open', assigneeId: 7, teamId: 3, assignedAt: '2026-11-23T10:00:00.000Z' };

describe('what routing reacts to', () => {
  const accepts = routingSubscriber.accepts!;

  it('a conversation entering a queue, capacity freed, a new assignee, people and teams changing', () => {
    expect(accepts(event('conversation.created', { conversation: waiting }))).toBe(true);
    expect(accepts(event('conversation.closed', { conversation: { ...held, status: 'closed' }, previous: held }))).toBe(true);
    expect(accepts(event('conversation.snoozed', { conversation: { ...held, status: 'snoozed' }, previous: held }))).toBe(true);
    expect(accepts(event('conversation.transferred', { conversation: { ...held, assigneeId: 8 }, previous: held }))).toBe(true);
    expect(accepts(event('conversation.taken', { conversation: held, previous: waiting }))).toBe(true); // its not-answered check
    expect(accepts(event('user.status_changed', { userId: 7, status: 'online' }))).toBe(true);
    expect(accepts(event('team.updated', { teamId: 3 }))).toBe(true);
  });

  it('not the messages of a waiting conversation, nor changes that move no one', () => {
    expect(accepts(event('message.created', { conversation: waiting, message: { id: 1 } }))).toBe(false);
    expect(accepts(event('conversation.tagged', { conversation: held, previous: held }))).toBe(false);
    expect(accepts(event('conversation.priority_changed', { conversation: { ...held, assignedAt: null }, previous: held }))).toBe(false);
    expect(accepts(event('notification.created', {}))).toBe(false);
  });
});
