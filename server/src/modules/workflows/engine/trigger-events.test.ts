import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../platform/events/event-types.js';
import { trigger } from '../definition/workflow-triggers.js';
import { triggerAccepts, triggerEventOf } from './trigger-events.js';

const event = (over: Partial<EventRow>): EventRow => ({
  id: 1, workspaceId: 1, type: 'x', conversationId: 7, teamId: null, assigneeId: null, actorType: 'user', actorId: 3,
  audience: null, payload: {}, createdAt: new Date(), ...over,
} as EventRow);

describe('events of the log as workflow triggers', () => {
  it('a conversation created by the customer is "opened by contact"; one closed by an agent carries its category', () => {
    expect(triggerEventOf(event({ type: 'conversation.created', actorType: 'contact' }))).toMatchObject({ type: 'conversation_opened', source: 'contact', conversationId: 7 });
    expect(triggerEventOf(event({ type: 'conversation.closed', payload: { category: 'Venta' } }))).toMatchObject({ type: 'conversation_closed', source: 'agent', category: 'Venta' });
  });

  it('only a customer\'s inbound message is "message received"', () => {
    const inbound = { message: { id: 5, kind: 'message', direction: 'inbound', body: 'Quiero INSCRIBIRME' } };
    expect(triggerEventOf(event({ type: 'message.created', actorType: 'contact', payload: inbound }))).toMatchObject({ type: 'message_received', text: 'Quiero INSCRIBIRME' });
    expect(triggerEventOf(event({ type: 'message.created', actorType: 'user', payload: { message: { kind: 'message', direction: 'outbound' } } }))).toBeNull();
    expect(triggerEventOf(event({ type: 'message.created', actorType: 'contact', payload: { message: { kind: 'note', direction: null } } }))).toBeNull();
  });

  it('a custom field changed by key starts a field trigger naming it (seed 000: "¿subir a CRM manualmente?")', () => {
    const te = triggerEventOf(event({ type: 'contact.updated', conversationId: null, payload: { contact: { id: 9 }, changes: ['customFields'], customFieldChanges: ['¿subir a CRM manualmente?'] } }))!;
    expect(te).toMatchObject({ type: 'contact_field_updated', contactId: 9, fields: ['¿subir a CRM manualmente?'] });
    expect(triggerAccepts(trigger.parse({ type: 'contact_field_updated', fields: ['¿Subir a CRM manualmente?'] }), te)).toBe(true);
    expect(triggerAccepts(trigger.parse({ type: 'contact_field_updated', fields: ['ciudad'] }), te)).toBe(false);
  });

  it('filters by source, category, keyword (accents and case aside) and tag change', () => {
    const closed = triggerEventOf(event({ type: 'conversation.closed', actorType: 'user', payload: { category: 'Admisión' } }))!;
    expect(triggerAccepts(trigger.parse({ type: 'conversation_closed', sources: ['agent'], categories: ['admision'] }), closed)).toBe(true);
    expect(triggerAccepts(trigger.parse({ type: 'conversation_closed', sources: ['workflow'] }), closed)).toBe(false);

    const message = triggerEventOf(event({ type: 'message.created', actorType: 'contact', payload: { message: { id: 1, kind: 'message', direction: 'inbound', body: '¿Cuánto cuesta la inscripción?' } } }))!;
    expect(triggerAccepts(trigger.parse({ type: 'message_received', keywords: ['inscripcion'] }), message)).toBe(true);
    expect(triggerAccepts(trigger.parse({ type: 'message_received', keywords: ['beca'] }), message)).toBe(false);

    const tagged = triggerEventOf(event({ type: 'contact.tagged', conversationId: null, payload: { contactId: 9, added: ['admision y ventas'], removed: [] } }))!;
    expect(triggerAccepts(trigger.parse({ type: 'contact_tag_updated', change: 'added', tags: ['Admisión y ventas'] }), tagged)).toBe(true);
    expect(triggerAccepts(trigger.parse({ type: 'contact_tag_updated', change: 'removed', tags: [] }), tagged)).toBe(false);
  });
});
