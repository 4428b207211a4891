import { describe, expect, it } from 'vitest';
import { workflowReferences } from './workflow-references.js';
import { parseWorkflowImport } from './workflow-io.js';
import { buildDefinition, fixtureText } from './__fixtures__/definitions.js';

describe('workflowReferences', () => {
  it('lists every workspace thing a definition names, once, from the trigger and steps at any depth', () => {
    const definition = buildDefinition([
      { id: 'b', type: 'branch', branches: [{ id: 'x', conditions: [
        { kind: 'tag', operator: 'is', value: 'vip' }, { kind: 'channel', operator: 'is', channelId: 4 },
        { kind: 'business_hours', operator: 'is', value: 'open', teamId: 2 }, { kind: 'contact_field', field: 'plan', operator: 'exists' },
      ], steps: [
        { id: 'a', type: 'assign', target: { kind: 'agent', userId: 11 }, timeoutMinutes: 5, onTimeout: [{ id: 'a2', type: 'assign', target: { kind: 'team', teamId: 3 } }] },
        { id: 'n', type: 'add_note', text: 'ojo', mentions: [11, 12] },
      ] }] },
      { id: 'q', type: 'ask_question', question: '¿Correo?', kind: 'email', saveTo: { contactField: 'correo_alterno' } },
      { id: 't', type: 'add_tags', tags: ['vip', 'nuevo'] },
      { id: 'f', type: 'update_contact_field', field: 'plan', value: 'Oro' },
      { id: 'w', type: 'wait', until: { kind: 'business_hours', teamId: 5 } },
      { id: 'c', type: 'close_conversation', category: 'Venta' },
      { id: 'tw', type: 'trigger_workflow', workflowId: 8 },
      { id: 'tw2', type: 'trigger_workflow' },
    ], { type: 'conversation_closed', categories: ['Consulta'], conditions: [{ kind: 'tag', scope: 'conversation', operator: 'is', value: 'bienvenida' }] });
    expect(workflowReferences(definition)).toEqual({
      userIds: [11, 12], teamIds: [2, 3, 5], channelIds: [4], workflowIds: [8],
      tags: ['bienvenida', 'vip', 'nuevo'], contactFields: ['plan', 'correo_alterno'], closingCategories: ['Consulta', 'Venta'],
    });
  });

  it('names the seed 000 hand-off’s tags and fields', () => {
    const imported = parseWorkflowImport(fixtureText('crm-handoff'));
    if (!imported.ok) throw new Error('fixture');
    const refs = workflowReferences(imported.definition);
    expect(refs.tags).toEqual(['bienvenida', 'admision y ventas', 'crm pendiente']);
    expect(refs.contactFields).toEqual(['phone', 'email', 'crm_id']);
    expect(refs.userIds).toEqual([1]);
  });
});
