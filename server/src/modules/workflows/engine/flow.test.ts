import { describe, expect, it } from 'vitest';
import { Flow } from './flow.js';
import { workflowDefinition } from '../definition/workflow-definition.js';

const definition = workflowDefinition.parse({
  version: 1,
  trigger: { type: 'message_received' },
  steps: [
    { id: 'hours', type: 'branch', branches: [{ id: 'open', conditions: [{ kind: 'business_hours', operator: 'is', value: 'open' }], steps: [{ id: 'assign', type: 'assign', target: { kind: 'team', teamId: 1 } }] }], else: [
      { id: 'away', type: 'send_message', message: { kind: 'text', text: 'Fuera de horario' } },
      { id: 'tag', type: 'add_tags', tags: ['fuera de horario'] },
    ] },
    { id: 'note', type: 'add_note', text: 'hecho' },
  ],
});

describe('moving through a workflow', () => {
  const flow = new Flow(definition);

  it('starts at the first step and goes on to the next sibling', () => {
    expect(flow.first()).toBe('hours');
    expect(flow.after('away')).toBe('tag');
  });

  it('after a branch\'s last step, goes on after the step that branched; after the last step, ends', () => {
    expect(flow.after('tag')).toBe('note');
    expect(flow.after('assign')).toBe('note');
    expect(flow.after('note')).toBeNull();
  });

  it('enters a branch at its first step; an empty branch goes on after the step', () => {
    expect(flow.enter('hours', 'else')).toBe('away');
    expect(flow.enter('hours', 'branches[0].steps')).toBe('assign');
    expect(flow.enter('away', 'onFailure')).toBe('tag');
    expect(() => flow.enter('note', 'else')).toThrow(/no branch/);
  });
});
