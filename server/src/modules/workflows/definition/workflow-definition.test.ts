import { describe, expect, it } from 'vitest';
import { STEP_TYPES, TRIGGER_TYPES, stepBranches, workflowDefinition, type Step } from './workflow-definition.js';
import { MAX_JSON_DEPTH, parseWorkflowDefinition } from './parse-workflow-definition.js';
import { buildDefinition } from './__fixtures__/definitions.js';

/** The smallest raw form of each trigger, as the builder would save it. */
const triggers: Record<string, Record<string, unknown>> = {
  conversation_opened: { sources: ['contact', 'api'] },
  conversation_closed: { sources: ['agent'], categories: ['Consulta resuelta'] },
  message_received: { keywords: ['precio'] },
  contact_tag_updated: { change: 'added', tags: ['admision y ventas'] },
  contact_field_updated: { fields: ['¿subir a CRM manualmente?'] },
  shortcut: { name: 'Subir a CRM' },
  incoming_webhook: { contact: { by: 'phone', path: 'cliente.telefono' }, variables: [{ path: 'pedido.id', variable: 'pedido' }] },
  date: { field: 'fecha_nacimiento', everyYear: true },
  schedule: { repeat: 'weekly', time: '08:30', weekdays: ['mon'], audienceTags: ['alumnos'] },
  lifecycle_updated: { to: ['Cliente'] },
  call_ended: { outcomes: ['no contestó'] },
};

/** The smallest raw form of each step. */
const steps: Record<string, Record<string, unknown>> = {
  send_message: { message: { kind: 'text', text: 'Hola' } },
  ask_question: { question: '¿Tu correo?', kind: 'email' },
  assign: { target: { kind: 'team', teamId: 3 } },
  unassign: {},
  branch: { branches: [{ id: 'b1', conditions: [{ kind: 'tag', operator: 'exists' }] }] },
  add_tags: { tags: ['vip'] },
  remove_tags: { tags: ['vip'], scope: 'conversation' },
  update_contact_field: { field: 'plan', value: 'Oro' },
  update_lifecycle: { stage: 'Cliente' },
  open_conversation: {},
  close_conversation: { category: 'Consulta resuelta', summary: 'Resuelto por el flujo' },
  add_note: { text: 'Revisar', mentions: [4] },
  wait: { duration: { amount: 2, unit: 'days' } },
  http_request: { method: 'POST', url: 'https://crm.example/leads', body: { a: '{{contact.name}}' } },
  pause_bot: {},
  resume_bot: {},
  jump_to: { target: 's1' },
  end: {},
  trigger_workflow: { workflowId: 9 },
};

describe('workflow definition schema', () => {
  it('covers every trigger and step of the issue, and nothing unknown', () => {
    expect([...TRIGGER_TYPES].sort()).toEqual(Object.keys(triggers).sort());
    expect([...STEP_TYPES].sort()).toEqual(Object.keys(steps).sort());
  });

  it.each(Object.entries(triggers))('parses a %s trigger and fills the common defaults', (type, settings) => {
    const parsed = workflowDefinition.parse({ version: 1, trigger: { type, ...settings }, steps: [] });
    expect(parsed.trigger).toMatchObject({ type, conditions: [], match: 'all', oncePerContact: false });
  });

  it.each(Object.entries(steps))('parses a %s step', (type, settings) => {
    const [parsed] = buildDefinition([{ id: 's1', type, ...settings }]).steps;
    expect(parsed.type).toBe(type);
    expect(parsed.id).toBe('s1');
  });

  it('fills defaults so a half-built draft can be saved', () => {
    const [ask, send, http] = buildDefinition([
      { id: 'q', type: 'ask_question', kind: 'choice' },
      { id: 'm', type: 'send_message', message: { kind: 'text' } },
      { id: 'h', type: 'http_request', method: 'GET' },
    ]).steps as [Extract<Step, { type: 'ask_question' }>, Extract<Step, { type: 'send_message' }>, Extract<Step, { type: 'http_request' }>];
    expect(ask).toMatchObject({ question: '', choices: [], saveTo: null, retries: 2, invalidMessage: '', onInvalid: [], onTimeout: [] });
    expect(ask.timeoutMinutes).toBeUndefined();
    expect(send).toMatchObject({ message: { kind: 'text', text: '' }, onFailure: [] });
    expect(http).toMatchObject({ url: '', headers: [], body: null, saveResponse: [], timeoutMs: 10_000, onFailure: [] });
  });

  it('holds branches as nested step lists, listed by stepBranches with their paths', () => {
    const [branch] = buildDefinition([{
      id: 'b', type: 'branch',
      branches: [{ id: 'x', conditions: [], steps: [{ id: 'in-x', type: 'unassign' }] }, { id: 'y', conditions: [] }],
      else: [{ id: 'in-else', type: 'end' }],
    }]).steps;
    expect(stepBranches(branch).map((b) => [b.path, b.steps.map((s) => s.id)])).toEqual([
      ['branches[0].steps', ['in-x']], ['branches[1].steps', []], ['else', ['in-else']],
    ]);
    const [ask] = buildDefinition([{ id: 'q', type: 'ask_question', kind: 'choice', choices: [{ id: 'si', label: 'Sí', steps: [{ id: 'n', type: 'end' }] }] }]).steps;
    expect(stepBranches(ask).map((b) => b.path)).toEqual(['choices[0].steps', 'onInvalid', 'onTimeout']);
    expect(stepBranches(buildDefinition([{ id: 'u', type: 'unassign' }]).steps[0])).toEqual([]);
  });

  it('refuses what no builder could produce: unknown types, bad formats, both save targets', () => {
    const bad = (stepsOrTrigger: { steps?: unknown[]; trigger?: unknown }) =>
      workflowDefinition.safeParse({ version: 1, trigger: { type: 'conversation_opened' }, steps: [], ...stepsOrTrigger }).success;
    expect(bad({ steps: [{ id: 'a', type: 'teleport' }] })).toBe(false);
    expect(bad({ steps: [{ id: 'con espacio', type: 'end' }] })).toBe(false);
    expect(bad({ steps: [{ id: 'w', type: 'wait', until: { kind: 'time_of_day', time: '25:00' } }] })).toBe(false);
    expect(bad({ steps: [{ id: 'w', type: 'wait', until: { kind: 'time_of_day', time: '08:00', timezone: 'Mars/Base' } }] })).toBe(false);
    expect(bad({ steps: [{ id: 'w', type: 'wait', until: { kind: 'datetime', at: '2026-02-30T10:00:00Z' } }] })).toBe(false);
    expect(bad({ steps: [{ id: 'q', type: 'ask_question', kind: 'text', saveTo: { contactField: 'a', variable: 'b' } }] })).toBe(false);
    expect(bad({ steps: [{ id: 'h', type: 'http_request', method: 'TRACE', url: 'https://x' }] })).toBe(false);
    expect(bad({ steps: [{ id: 'h', type: 'http_request', method: 'GET', timeoutMs: 120_000 }] })).toBe(false);
    expect(bad({ trigger: { type: 'conversation_opened', sources: ['robot'] } })).toBe(false);
    expect(bad({ trigger: { type: 'schedule', repeat: 'once', time: '8:00' } })).toBe(false);
    expect(bad({ trigger: { type: 'conversation_opened', conditions: [{ kind: 'business_hours', operator: 'gt', value: 'open' }] } })).toBe(false);
    expect(workflowDefinition.safeParse({ version: 2, trigger: { type: 'conversation_opened' }, steps: [] }).success).toBe(false);
  });
});

describe('parseWorkflowDefinition', () => {
  it('names the step and the path of a shape problem', () => {
    const result = parseWorkflowDefinition({
      version: 1,
      trigger: { type: 'conversation_opened' },
      steps: [{ id: 'b', type: 'branch', branches: [{ id: 'x', conditions: [], steps: [{ id: 'envio', type: 'send_message', message: { kind: 'fax' } }] }] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ stepId: 'envio', path: 'steps[0].branches[0].steps[0].message.kind', code: 'invalid_shape' })]);
  });

  it('refuses hostile nesting before the schema recurses into it', () => {
    let deep: unknown = { id: 'z', type: 'end' };
    for (let i = 0; i < 20_000; i++) deep = { id: `s${i}`, type: 'branch', branches: [], else: [deep] };
    const result = parseWorkflowDefinition({ version: 1, trigger: { type: 'conversation_opened' }, steps: [deep] });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'too_deep', path: '' })] });
    expect(MAX_JSON_DEPTH).toBeGreaterThan(4 * 21);
  });

  it('lets a tree deeper than publishing allows through, so validation can name the step', () => {
    let deep: unknown = { id: 'hoja', type: 'end' };
    for (let i = 0; i < 25; i++) deep = { id: `n${i}`, type: 'branch', branches: [{ id: 'x', conditions: [], steps: [deep] }] };
    expect(parseWorkflowDefinition({ version: 1, trigger: { type: 'conversation_opened' }, steps: [deep] }).ok).toBe(true);
  });
});
