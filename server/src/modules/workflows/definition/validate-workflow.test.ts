import { describe, expect, it } from 'vitest';
import { validateWorkflow } from './validate-workflow.js';
import { parseWorkflowImport } from './workflow-io.js';
import { buildDefinition, FIXTURES, fixtureText } from './__fixtures__/definitions.js';
import type { WorkflowProblem } from './workflow-problems.js';

const problemsOf = (steps: unknown[], trigger?: Record<string, unknown>, workflowId?: number): WorkflowProblem[] => {
  const result = validateWorkflow(buildDefinition(steps, trigger), { workflowId });
  return result.ok ? [] : result.problems;
};
const codes = (steps: unknown[], trigger?: Record<string, unknown>) => problemsOf(steps, trigger).map((p) => p.code);

const text = (id: string, body = 'Hola') => ({ id, type: 'send_message', message: { kind: 'text', text: body } });
const wait = (id: string) => ({ id, type: 'wait', duration: { amount: 5, unit: 'minutes' } });
const jump = (id: string, target: string) => ({ id, type: 'jump_to', target });
const ask = (id: string) => ({ id, type: 'ask_question', question: '¿Sí o no?', kind: 'text' });
const cond = { kind: 'variable', name: 'intentos', operator: 'lt', value: 3 };
const branch = (id: string, branches: { id: string; steps: unknown[]; conditions?: unknown[] }[], otherwise: unknown[] = []) => ({
  id, type: 'branch', branches: branches.map((b) => ({ conditions: [cond], ...b })), else: otherwise,
});

describe('validateWorkflow: the fixtures', () => {
  it.each(FIXTURES)('%s is a valid, publishable workflow', (name) => {
    const imported = parseWorkflowImport(fixtureText(name));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(validateWorkflow(imported.definition, { workflowId: 1 })).toEqual({ ok: true });
  });
});

describe('validateWorkflow: structure', () => {
  it('needs at least one step', () => {
    expect(codes([])).toEqual(['no_steps']);
  });

  it('finds duplicate step ids anywhere in the tree, naming the second', () => {
    const problems = problemsOf([text('a'), branch('b', [{ id: 'x', steps: [text('a')] }])]);
    expect(problems).toEqual([expect.objectContaining({ code: 'duplicate_step_id', stepId: 'a', path: 'steps[1].branches[0].steps[0].id' })]);
  });

  it('finds a jump to a step that does not exist', () => {
    expect(problemsOf([text('a'), jump('j', 'nada')])).toEqual([expect.objectContaining({ code: 'dangling_jump', stepId: 'j', path: 'steps[1].target' })]);
  });

  it('refuses more than 200 steps, counting nested ones', () => {
    const many = Array.from({ length: 150 }, (_, i) => branch(`b${i}`, [{ id: 'x', steps: [{ id: `t${i}`, type: 'unassign' }] }]));
    const problems = problemsOf(many);
    expect(problems).toEqual([expect.objectContaining({ code: 'too_many_steps', path: 'steps' })]);
    expect(problems[0].message).toContain('300');
    expect(codes(many.slice(0, 100))).toEqual([]);
  });

  it('refuses nesting deeper than 20 levels, once, at the first step too deep', () => {
    const nest = (levels: number) => {
      let inner: unknown = { id: 'hoja', type: 'end' };
      for (let i = levels - 1; i >= 1; i--) inner = branch(`n${i}`, [{ id: 'x', steps: [inner] }]);
      return [inner];
    };
    expect(codes(nest(20))).toEqual([]);
    expect(problemsOf(nest(22))).toEqual([expect.objectContaining({ code: 'too_deep', stepId: 'n21' })]);
  });

  it('refuses a workflow that starts itself, and only when it knows its own id', () => {
    const steps = [{ id: 't', type: 'trigger_workflow', workflowId: 7 }];
    expect(problemsOf(steps, undefined, 7)).toEqual([expect.objectContaining({ code: 'trigger_workflow_self', stepId: 't', path: 'steps[0].workflowId' })]);
    expect(problemsOf(steps, undefined, 8)).toEqual([]);
    expect(problemsOf(steps)).toEqual([]);
  });
});

describe('validateWorkflow: branches', () => {
  it('refuses a named branch without conditions; an empty else or an empty branch body is fine', () => {
    const problems = problemsOf([branch('b', [{ id: 'x', steps: [], conditions: [] }, { id: 'y', steps: [] }])]);
    expect(problems).toEqual([expect.objectContaining({ code: 'empty_branch', stepId: 'b', path: 'steps[0].branches[0].conditions' })]);
  });

  it('needs at least one branch and distinct branch ids', () => {
    expect(codes([{ id: 'b', type: 'branch', else: [text('e')] }])).toEqual(['missing_setting']);
    expect(problemsOf([branch('b', [{ id: 'x', steps: [] }, { id: 'x', steps: [] }])]))
      .toEqual([expect.objectContaining({ code: 'duplicate_branch_id', path: 'steps[0].branches[1].id' })]);
  });

  it('finds branches that can never run: a timeout branch without a timeout, invalid answers to a text question', () => {
    const problems = problemsOf([
      { ...ask('q'), onTimeout: [text('t')], onInvalid: [text('i')] },
      { id: 'a', type: 'assign', target: { kind: 'team', teamId: 1 }, onTimeout: [text('at')] },
      { id: 'a2', type: 'assign', target: { kind: 'team', teamId: 1 }, queueWhenNobody: false, onTimeout: [text('at2')] },
    ]);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['dangling_branch', 'steps[0].onTimeout'], ['dangling_branch', 'steps[0].onInvalid'], ['dangling_branch', 'steps[1].onTimeout'],
    ]);
    expect(codes([{ ...ask('q'), kind: 'email', timeoutMinutes: 60, onTimeout: [text('t')], onInvalid: [text('i')] }])).toEqual([]);
  });
});

describe('validateWorkflow: loops', () => {
  const loop = (steps: unknown[]) => problemsOf(steps).filter((p) => p.code === 'unbounded_loop');

  it('refuses a jump to itself', () => {
    expect(loop([jump('j', 'j')])).toEqual([expect.objectContaining({ stepId: 'j', path: 'steps[0]' })]);
  });

  it('refuses a jump back to an earlier step with nothing that waits in between', () => {
    expect(loop([text('a'), { id: 'h', type: 'http_request', method: 'GET', url: 'https://x.example' }, jump('j', 'a')])).toHaveLength(1);
  });

  it('refuses a jump to an ancestor from inside its branch', () => {
    expect(loop([branch('b', [{ id: 'x', steps: [text('a'), jump('j', 'b')] }])])).toEqual([expect.objectContaining({ stepId: 'j' })]);
  });

  it('refuses a cycle made of several jumps', () => {
    // a → j1 → c → j3 → b → j2 → a: every jump on the way is part of the loop.
    const found = loop([text('a'), jump('j1', 'c'), text('b'), jump('j2', 'a'), text('c'), jump('j3', 'b')]);
    expect(found.map((p) => p.stepId).sort()).toEqual(['j1', 'j2', 'j3']);
  });

  it('allows a loop that waits or asks on every way round', () => {
    expect(loop([text('a'), wait('w'), jump('j', 'a')])).toEqual([]);
    expect(loop([ask('q'), text('a'), jump('j', 'q')])).toEqual([]);
    expect(loop([text('a'), { id: 'w', type: 'wait', until: { kind: 'time_of_day', time: '09:00' } }, jump('j', 'a')])).toEqual([]);
    expect(loop([text('a'), branch('b', [{ id: 'x', steps: [wait('w1')] }], [wait('w2')]), jump('j', 'a')])).toEqual([]);
  });

  it('refuses a loop where one way round skips the wait', () => {
    expect(loop([text('a'), branch('b', [{ id: 'x', steps: [wait('w1')] }]), jump('j', 'a')])).toHaveLength(1);
    expect(loop([text('a'), { ...text('m'), onFailure: [jump('jf', 'a')] }, wait('w'), jump('j', 'a')])).toEqual([expect.objectContaining({ stepId: 'jf' })]);
  });

  it('does not count waits that may not wait: a fixed instant, business hours already open', () => {
    expect(loop([text('a'), { id: 'w', type: 'wait', until: { kind: 'datetime', at: '2026-01-05T10:00:00Z' } }, jump('j', 'a')])).toHaveLength(1);
    expect(loop([text('a'), { id: 'w', type: 'wait', until: { kind: 'business_hours' } }, jump('j', 'a')])).toHaveLength(1);
  });

  it('allows jumping forward', () => {
    expect(problemsOf([branch('b', [{ id: 'x', steps: [jump('j', 'fin')] }]), text('a'), { id: 'fin', type: 'end' }])).toEqual([]);
  });
});

describe('validateWorkflow: unreachable steps', () => {
  it('finds steps after a jump or an end that nothing jumps to, reporting a subtree once', () => {
    const problems = problemsOf([
      text('a'), jump('j', 'c'), branch('muerto', [{ id: 'x', steps: [text('dentro')] }]), text('c'),
      { id: 'fin', type: 'end' }, text('tarde'),
    ]);
    expect(problems.map((p) => [p.code, p.stepId])).toEqual([['unreachable_step', 'muerto'], ['unreachable_step', 'tarde']]);
  });
});

describe('validateWorkflow: settings', () => {
  const one = (step: Record<string, unknown>, trigger?: Record<string, unknown>) => problemsOf([{ id: 's', ...step }], trigger).map((p) => [p.code, p.path]);

  it('send_message needs its text, file, buttons or template', () => {
    expect(one({ type: 'send_message', message: { kind: 'text', text: '  ' } })).toEqual([['missing_setting', 'steps[0].message.text']]);
    expect(one({ type: 'send_message', message: { kind: 'media', mediaType: 'image' } })).toEqual([['missing_setting', 'steps[0].message.url']]);
    expect(one({ type: 'send_message', message: { kind: 'media', mediaType: 'image', url: 'ftp://x/y.png' } })).toEqual([['invalid_setting', 'steps[0].message.url']]);
    expect(one({ type: 'send_message', message: { kind: 'buttons', text: 'Elige', buttons: [{ id: 'a', title: '' }, { id: 'a', title: 'B' }] } }))
      .toEqual([['missing_setting', 'steps[0].message.buttons[0].title'], ['invalid_setting', 'steps[0].message.buttons[1].id']]);
    expect(one({ type: 'send_message', message: { kind: 'buttons' } })).toEqual([['missing_setting', 'steps[0].message.text'], ['missing_setting', 'steps[0].message.buttons']]);
    expect(one({ type: 'send_message', message: { kind: 'template' } })).toEqual([['missing_setting', 'steps[0].message.name'], ['missing_setting', 'steps[0].message.language']]);
  });

  it('ask_question needs its question, choices for a choice, and a valid place to save', () => {
    expect(one({ type: 'ask_question', kind: 'choice', saveTo: { variable: 'contact' } })).toEqual([
      ['missing_setting', 'steps[0].question'], ['missing_setting', 'steps[0].choices'], ['invalid_setting', 'steps[0].saveTo.variable'],
    ]);
    expect(one({ type: 'ask_question', question: '¿?', kind: 'choice', choices: [{ id: 'a', label: 'Sí' }, { id: 'a', label: '' }], saveTo: { contactField: '' } })).toEqual([
      ['missing_setting', 'steps[0].choices[1].label'], ['duplicate_branch_id', 'steps[0].choices[1].id'], ['missing_setting', 'steps[0].saveTo.contactField'],
    ]);
    expect(one({ type: 'ask_question', question: '¿?', kind: 'number', choices: [{ id: 'a', label: 'Sí' }], saveTo: { variable: '2x' } })).toEqual([
      ['invalid_setting', 'steps[0].choices'], ['invalid_setting', 'steps[0].saveTo.variable'],
    ]);
  });

  it('assign needs its agent or team', () => {
    expect(one({ type: 'assign', target: { kind: 'agent' } })).toEqual([['missing_setting', 'steps[0].target.userId']]);
    expect(one({ type: 'assign', target: { kind: 'team' } })).toEqual([['missing_setting', 'steps[0].target.teamId']]);
  });

  it('tags, fields, lifecycle, notes, waits, jumps and workflows need their value', () => {
    expect(one({ type: 'add_tags' })).toEqual([['missing_setting', 'steps[0].tags']]);
    expect(one({ type: 'remove_tags', tags: ['a', ''] })).toEqual([['missing_setting', 'steps[0].tags[1]']]);
    expect(one({ type: 'update_contact_field' })).toEqual([['missing_setting', 'steps[0].field'], ['missing_setting', 'steps[0].value']]);
    expect(one({ type: 'update_contact_field', field: 'plan', value: null })).toEqual([]);
    expect(one({ type: 'update_lifecycle' })).toEqual([['missing_setting', 'steps[0].stage']]);
    expect(one({ type: 'update_lifecycle', stage: null })).toEqual([]);
    expect(one({ type: 'add_note', text: ' ' })).toEqual([['missing_setting', 'steps[0].text']]);
    expect(one({ type: 'wait' })).toEqual([['missing_setting', 'steps[0]']]);
    expect(one({ type: 'wait', duration: { amount: 1, unit: 'hours' }, until: { kind: 'business_hours' } })).toEqual([['invalid_setting', 'steps[0]']]);
    expect(one({ type: 'jump_to' })).toEqual([['missing_setting', 'steps[0].target']]);
    expect(one({ type: 'trigger_workflow' })).toEqual([['missing_setting', 'steps[0].workflowId']]);
    expect(one({ type: 'close_conversation' })).toEqual([]);
  });

  it('http_request needs a URL, proper headers, credentials filled in and saveable response paths', () => {
    expect(one({ type: 'http_request', method: 'GET', body: { a: 1 } })).toEqual([['missing_setting', 'steps[0].url'], ['invalid_setting', 'steps[0].body']]);
    expect(one({ type: 'http_request', method: 'POST', url: 'crm.example/api' })).toEqual([['invalid_setting', 'steps[0].url']]);
    expect(one({ type: 'http_request', method: 'POST', url: '{{vars.base}}/leads?api_key=' })).toEqual([['missing_setting', 'steps[0].url']]);
    expect(one({
      type: 'http_request', method: 'POST', url: 'https://crm.example/api',
      headers: [{ name: 'Bad Name', value: 'x' }, { name: 'Authorization', value: '' }, { name: '', value: 'y' }],
      saveResponse: [{ path: 'data..id', variable: 'ok' }, { path: '', variable: 'vars' }],
    })).toEqual([
      ['invalid_setting', 'steps[0].headers[0].name'], ['missing_setting', 'steps[0].headers[1].value'], ['missing_setting', 'steps[0].headers[2].name'],
      ['invalid_setting', 'steps[0].saveResponse[0].path'], ['missing_setting', 'steps[0].saveResponse[1].path'], ['invalid_setting', 'steps[0].saveResponse[1].variable'],
    ]);
  });

  it('checks conditions: the value each operator needs, comparable values, a range in order, one channel', () => {
    const conditions = [
      { kind: 'contact_field', field: '', operator: 'is' },
      { kind: 'contact_field', field: 'edad', operator: 'gt', value: 'mucho' },
      { kind: 'variable', name: 'total', operator: 'between', from: 10, to: 2 },
      { kind: 'variable', name: 'total', operator: 'between', from: 1 },
      { kind: 'tag', operator: 'is' },
      { kind: 'channel', operator: 'is' },
      { kind: 'channel', operator: 'is', channelType: 'whatsapp', channelId: 3 },
      { kind: 'current_date', operator: 'between', from: '2026-12-24', to: '2026-12-26' },
      { kind: 'contact_field', field: 'correo', operator: 'exists' },
    ];
    expect(one({ type: 'branch', branches: [{ id: 'x', conditions }] }).map(([code, path]) => [code, path.replace('steps[0].branches[0].', '')])).toEqual([
      ['missing_setting', 'conditions[0].field'], ['missing_setting', 'conditions[0].value'],
      ['invalid_setting', 'conditions[1].value'],
      ['invalid_setting', 'conditions[2]'],
      ['missing_setting', 'conditions[3].to'],
      ['missing_setting', 'conditions[4].value'],
      ['missing_setting', 'conditions[5]'],
      ['invalid_setting', 'conditions[6]'],
    ]);
  });

  it('checks what each trigger needs, and its conditions', () => {
    const steps = [text('a')];
    const trig = (t: Record<string, unknown>) => problemsOf(steps, t).map((p) => [p.code, p.path]);
    expect(trig({ type: 'contact_field_updated' })).toEqual([['missing_setting', 'trigger.fields']]);
    expect(trig({ type: 'shortcut', name: '' })).toEqual([['missing_setting', 'trigger.name']]);
    expect(trig({ type: 'incoming_webhook', contact: { by: 'email', path: '' }, variables: [{ path: 'a', variable: 'agent' }] }))
      .toEqual([['missing_setting', 'trigger.contact.path'], ['invalid_setting', 'trigger.variables[0].variable']]);
    expect(trig({ type: 'date', field: '' })).toEqual([['missing_setting', 'trigger.field']]);
    expect(trig({ type: 'schedule', repeat: 'once', time: '08:00' })).toEqual([['missing_setting', 'trigger.date'], ['missing_setting', 'trigger.audienceTags']]);
    expect(trig({ type: 'schedule', repeat: 'weekly', time: '08:00', audienceTags: ['a'] })).toEqual([['missing_setting', 'trigger.weekdays']]);
    expect(trig({ type: 'schedule', repeat: 'monthly', time: '08:00', audienceTags: ['a'] })).toEqual([['missing_setting', 'trigger.dayOfMonth']]);
    expect(trig({ type: 'message_received', keywords: ['precio', ''] })).toEqual([['missing_setting', 'trigger.keywords[1]']]);
    expect(trig({ type: 'conversation_closed', conditions: [{ kind: 'tag', operator: 'is_not' }] })).toEqual([['missing_setting', 'trigger.conditions[0].value']]);
  });
});
