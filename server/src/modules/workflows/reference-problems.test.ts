import { describe, expect, it } from 'vitest';
import { buildDefinition } from './definition/__fixtures__/definitions.js';
import { referenceProblems, referencesToCheck } from './reference-problems.js';
import type { ExistingReferences } from './workflow-references.repo.js';

const nothing = (): ExistingReferences => ({
  userIds: new Set(), teamIds: new Set(), channelIds: new Set(), workflowIds: new Set(), contactFieldKeys: new Set(), closingCategories: new Set(), conversationTags: new Set(),
});

const definition = buildDefinition([
  { id: 'note', type: 'add_note', text: 'hola', mentions: [3, 4] },
  {
    id: 'which', type: 'branch',
    branches: [{ id: 'vip', conditions: [{ kind: 'contact_field', field: 'plan', operator: 'is', value: 'oro' }, { kind: 'channel', operator: 'is', channelId: 9 }], steps: [
      { id: 'to-team', type: 'assign', target: { kind: 'team', teamId: 5 } },
      { id: 'close', type: 'close_conversation', category: 'Venta' },
    ] }],
    else: [
      { id: 'phone', type: 'update_contact_field', field: 'phone', value: '1' }, { id: 'other', type: 'trigger_workflow', workflowId: 8 },
      { id: 'tag-contact', type: 'add_tags', tags: ['nuevo'] }, { id: 'tag-conversation', type: 'add_tags', scope: 'conversation', tags: ['urgente'] },
    ],
  },
], { type: 'shortcut', name: 'x', teamIds: [5, 6] });

describe('referenceProblems', () => {
  it('looks up the custom things a definition names, not the contact\'s built-in fields', () => {
    expect(referencesToCheck(definition)).toEqual({
      userIds: [3, 4], teamIds: [5, 6], channelIds: [9], workflowIds: [8], contactFieldKeys: ['plan'], closingCategories: ['Venta'], conversationTags: ['urgente'],
    });
  });

  it('points at every place that names something missing, in document order, with its step', () => {
    const problems = referenceProblems(definition, nothing());
    expect(problems.map((p) => [p.stepId ?? null, p.path])).toEqual([
      [null, 'trigger.teamIds[0]'],
      [null, 'trigger.teamIds[1]'],
      ['note', 'steps[0].mentions[0]'],
      ['note', 'steps[0].mentions[1]'],
      ['which', 'steps[1].branches[0].conditions[0].field'],
      ['which', 'steps[1].branches[0].conditions[1].channelId'],
      ['to-team', 'steps[1].branches[0].steps[0].target.teamId'],
      ['close', 'steps[1].branches[0].steps[1].category'],
      ['other', 'steps[1].else[1].workflowId'],
      // Conversation tags come from the tag list; contact tags are free.
      ['tag-conversation', 'steps[1].else[3].tags[0]'],
    ]);
    expect(problems.every((p) => p.code === 'invalid_setting')).toBe(true);
    expect(problems[6].message).toBe('No team with id 5 in this workspace');
  });

  it('has nothing to say once everything exists', () => {
    const all: ExistingReferences = {
      userIds: new Set([3, 4]), teamIds: new Set([5, 6]), channelIds: new Set([9]), workflowIds: new Set([8]), contactFieldKeys: new Set(['plan']), closingCategories: new Set(['Venta']), conversationTags: new Set(['urgente']),
    };
    expect(referenceProblems(definition, all)).toEqual([]);
    const withoutTeam6 = { ...all, teamIds: new Set([5]) };
    expect(referenceProblems(definition, withoutTeam6).map((p) => p.path)).toEqual(['trigger.teamIds[1]']);
  });
});
