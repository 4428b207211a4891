import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../platform/events/event-types.js';
import { intentsOf } from './notification-intents.js';

const ASSIGNEE = 10;
const OTHER = 11;
const CONTACT = 500;

let nextId = 1;
const event = (over: Partial<EventRow>): EventRow => ({
  id: nextId++, workspaceId: 1, type: 'conversation.assigned', conversationId: 7, teamId: null, assigneeId: ASSIGNEE, audience: null,
  actorType: 'user', actorId: OTHER, payload: {}, createdAt: new Date('2026-01-05T12:00:00Z'), ...over,
});
const conversation = { id: 7, lastMessagePreview: 'Quiero cambiar mi pedido' };

describe('which events notify whom', () => {
  it('an assignment by someone else notifies the new assignee, with the conversation\'s last message', () => {
    const e = event({ payload: { conversation, previous: { assigneeId: null, teamId: null, status: 'queued' } } });
    expect(intentsOf(e)).toEqual([{
      workspaceId: 1, userId: ASSIGNEE, type: 'assigned', conversationId: 7, messageId: null, actorType: 'user', actorId: OTHER,
      preview: 'Quiero cambiar mi pedido', sourceEventId: e.id,
    }]);
    for (const type of ['conversation.transferred', 'conversation.taken']) {
      expect(intentsOf(event({ type, payload: { conversation, previous: { assigneeId: OTHER } } }))).toHaveLength(1);
    }
  });

  it('nobody is notified of what they did themselves, or when the assignee did not change', () => {
    expect(intentsOf(event({ type: 'conversation.taken', actorId: ASSIGNEE, payload: { conversation, previous: { assigneeId: null } } }))).toEqual([]);
    expect(intentsOf(event({ type: 'conversation.priority_changed', payload: { conversation, previous: { assigneeId: ASSIGNEE } } }))).toEqual([]);
    expect(intentsOf(event({ type: 'conversation.updated', payload: { conversation } }))).toEqual([]);
    expect(intentsOf(event({ type: 'conversation.returned', assigneeId: null, payload: { conversation, previous: { assigneeId: ASSIGNEE } } }))).toEqual([]);
  });

  it('a conversation created already assigned (by routing, a bot or the system) notifies its assignee', () => {
    const [intent] = intentsOf(event({ type: 'conversation.created', actorType: 'system', actorId: null, payload: { conversation } }));
    expect(intent).toMatchObject({ userId: ASSIGNEE, type: 'assigned', actorType: 'system', actorId: null });
  });

  it('a note notifies each mentioned teammate once, never its author', () => {
    const note = { id: 99, kind: 'note', direction: null, sender: { type: 'user', id: OTHER }, body: '@Ana  mira\neste caso', meta: { mentions: [ASSIGNEE, OTHER, 12, ASSIGNEE, 'x'] } };
    const intents = intentsOf(event({ type: 'message.created', payload: { message: note, conversation } }));
    expect(intents.map((i) => i.userId)).toEqual([ASSIGNEE, 12]);
    expect(intents[0]).toMatchObject({ type: 'mentioned', messageId: 99, actorType: 'user', actorId: OTHER, preview: '@Ana mira este caso' });
  });

  it('a customer message notifies the assignee; unassigned, outbound, activity and plain notes notify nobody', () => {
    const inbound = { id: 5, kind: 'message', direction: 'inbound', sender: { type: 'contact', id: CONTACT }, body: 'Hola', meta: {} };
    expect(intentsOf(event({ type: 'message.created', actorType: 'contact', actorId: null, payload: { message: inbound } }))).toEqual([
      expect.objectContaining({ userId: ASSIGNEE, type: 'new_message', messageId: 5, actorType: 'contact', actorId: CONTACT, preview: 'Hola' }),
    ]);
    const photo = { ...inbound, body: '', attachments: [{ filename: 'foto.jpg' }] };
    expect(intentsOf(event({ type: 'message.created', payload: { message: photo } }))[0].preview).toBe('foto.jpg');
    expect(intentsOf(event({ type: 'message.created', assigneeId: null, payload: { message: inbound } }))).toEqual([]);
    expect(intentsOf(event({ type: 'message.created', payload: { message: { ...inbound, direction: 'outbound', sender: { type: 'user', id: OTHER } } } }))).toEqual([]);
    expect(intentsOf(event({ type: 'message.created', payload: { message: { id: 6, kind: 'activity', direction: null, meta: { action: 'assigned' } } } }))).toEqual([]);
    expect(intentsOf(event({ type: 'message.created', payload: { message: { id: 7, kind: 'note', direction: null, body: 'nota', meta: { mentions: [] } } } }))).toEqual([]);
  });

  it('ignores events without a conversation', () => {
    expect(intentsOf(event({ type: 'user.updated', conversationId: null, payload: { userId: 3 } }))).toEqual([]);
  });
});
