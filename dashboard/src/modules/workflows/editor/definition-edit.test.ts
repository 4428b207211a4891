import { describe, expect, it } from 'vitest';
import type { Step, WorkflowDefinition } from '../workflow-types';
import { allSteps, insertStep, moveStep, newId, parsePath, removeStep, replaceStep, stepAt, stepPathOf, takenIds } from './definition-edit';

const msg = (id: string): Step => ({ id, type: 'send_message', message: { kind: 'text', text: id }, onFailure: [] });

const def = (): WorkflowDefinition => ({
  version: 1,
  trigger: { type: 'conversation_opened', sources: [], conditions: [], match: 'all', oncePerContact: false },
  steps: [
    msg('a'),
    {
      id: 'b',
      type: 'branch',
      branches: [{ id: 'vip', name: 'VIP', conditions: [], match: 'all', steps: [msg('c'), msg('d')] }],
      else: [{ id: 'e', type: 'ask_question', question: '?', kind: 'choice', choices: [{ id: 'si', label: 'Sí', steps: [msg('f')] }], saveTo: null, retries: 2, invalidMessage: '', onInvalid: [], onTimeout: [] }],
    },
  ],
});

describe('definition edits by server path', () => {
  it('parses paths and reads the step they name', () => {
    expect(parsePath('steps[1].branches[0].steps[1]')).toEqual(['steps', 1, 'branches', 0, 'steps', 1]);
    expect(stepAt(def(), 'steps[1].branches[0].steps[1]')?.id).toBe('d');
    expect(stepAt(def(), 'steps[1].else[0].choices[0].steps[0]')?.id).toBe('f');
    expect(stepAt(def(), 'steps[9]')).toBeUndefined();
  });

  it('inserts, replaces, removes and moves without touching the original', () => {
    const original = def();
    const added = insertStep(original, 'steps[1].else', msg('g'));
    expect(allSteps(added.steps).map((s) => s.step.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(allSteps(original.steps)).toHaveLength(6);

    const replaced = replaceStep(added, 'steps[1].branches[0].steps[0]', msg('z'));
    expect(stepAt(replaced, 'steps[1].branches[0].steps[0]')?.id).toBe('z');
    expect(stepAt(added, 'steps[1].branches[0].steps[0]')?.id).toBe('c');

    const moved = moveStep(replaced, 'steps[1].branches[0].steps[1]', -1);
    expect(allSteps(moved.steps).map((s) => s.step.id).slice(2, 4)).toEqual(['d', 'z']);
    expect(moveStep(moved, 'steps[0]', -1)).toEqual(moved);

    const removed = removeStep(moved, 'steps[1]');
    expect(allSteps(removed.steps).map((s) => s.step.id)).toEqual(['a']);
  });

  it('walks steps in the server order with their paths and depth', () => {
    expect(allSteps(def().steps).map((s) => `${s.path}@${s.depth}`)).toEqual([
      'steps[0]@1',
      'steps[1]@1',
      'steps[1].branches[0].steps[0]@2',
      'steps[1].branches[0].steps[1]@2',
      'steps[1].else[0]@2',
      'steps[1].else[0].choices[0].steps[0]@3',
    ]);
  });

  it('finds the step a problem path points into', () => {
    expect(stepPathOf('steps[1].branches[0].steps[1].message.text')).toBe('steps[1].branches[0].steps[1]');
    expect(stepPathOf('steps[1].branches[0].conditions[0].value')).toBe('steps[1]');
    expect(stepPathOf('steps[1].else[0].choices[0].steps[0].onFailure[2].url')).toBe('steps[1].else[0].choices[0].steps[0].onFailure[2]');
    expect(stepPathOf('definition.steps[0].id')).toBe('steps[0]');
    expect(stepPathOf('trigger.name')).toBeNull();
    expect(stepPathOf('steps')).toBeNull();
  });

  it('makes ids in the schema’s alphabet that the workflow does not use yet', () => {
    const taken = takenIds(def());
    expect([...taken].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'si', 'vip']);
    const id = newId('s', taken);
    expect(id).toMatch(/^s_[a-z0-9]{6}$/);
    expect(taken.has(id)).toBe(false);
  });
});
