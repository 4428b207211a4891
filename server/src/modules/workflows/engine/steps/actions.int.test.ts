import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../../test/harness.js';
import { createTeam, eventsOfType } from '../../../../../test/fixtures.js';
import { publishWorkflow, runsOf } from '../../../../../test/workflow-fixtures.js';
import { api, createScene, stepContext, stepOf, WORKFLOW_ID } from './__fixtures__/step-scene.js';
import { addTagsStep, removeTagsStep } from './tags.step.js';
import { updateContactFieldStep, updateLifecycleStep } from './contact.step.js';
import { closeConversationStep, openConversationStep, pauseBotStep, resumeBotStep } from './conversation.step.js';
import { waitStep } from './wait.step.js';
import { branchStep, endStep, jumpToStep, triggerWorkflowStep } from './flow.step.js';
import { stepExecutors } from './index.js';
import { STEP_TYPES } from '../../definition/workflow-definition.js';

const hours = { timezone: 'America/Caracas', days: { mon: [{ from: '09:00', to: '18:00' }], tue: [{ from: '09:00', to: '18:00' }] }, holidays: [], awayMessage: '' };
/** Monday 5 January 2026: 07:00 and 10:00 in Caracas (UTC−4). */
const EARLY = new Date('2026-01-05T11:00:00Z');
const IN_HOURS = new Date('2026-01-05T14:00:00Z');

describeEachDriver('workflow steps that change contacts and conversations, wait and branch', (driver) => {
  let t: TestApp;
  const http = () => api(t);

  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  it('every step type has an executor', () => {
    expect(Object.keys(stepExecutors).sort()).toEqual([...STEP_TYPES].sort());
  });

  describe('tags', () => {
    it('tags and untags the contact, as the workflow', async () => {
      const s = await createScene(t);
      expect(await addTagsStep.run(await stepContext(t, s), stepOf({ type: 'add_tags', tags: ['VIP', ' beca ', 'VIP'] }))).toEqual({ kind: 'next' });
      expect((await http().contact(s.owner, s.contactId)).tags).toEqual(['VIP', 'beca']);
      expect(await removeTagsStep.run(await stepContext(t, s), stepOf({ type: 'remove_tags', tags: ['VIP'] }))).toEqual({ kind: 'next' });
      expect((await http().contact(s.owner, s.contactId)).tags).toEqual(['beca']);
      expect((await eventsOfType(t, s.workspaceId, 'contact.tagged')).map((e) => [e.actor_type, e.actor_id, e.payload.added, e.payload.removed]))
        .toEqual([['workflow', WORKFLOW_ID, ['VIP', 'beca'], []], ['workflow', WORKFLOW_ID, [], ['VIP']]]);
    });

    it('tags the conversation from the workspace\'s list; nothing to change goes on, an unknown tag fails', async () => {
      const s = await createScene(t);
      await http().ok(s.owner, 'POST', '/api/v1/tags', { name: 'urgente' });
      const add = stepOf({ type: 'add_tags', tags: ['urgente'], scope: 'conversation' });
      expect(await addTagsStep.run(await stepContext(t, s), add)).toEqual({ kind: 'next' });
      expect((await http().conversation(s.owner, s.conversationId)).tags).toEqual(['urgente']);
      expect(await addTagsStep.run(await stepContext(t, s), add)).toEqual({ kind: 'next', detail: { unchanged: true } });
      expect(await addTagsStep.run(await stepContext(t, s), stepOf({ type: 'add_tags', tags: ['inventada'], scope: 'conversation' })))
        .toMatchObject({ kind: 'fail', error: expect.stringMatching(/Unknown tags: inventada/) });
      expect(await removeTagsStep.run(await stepContext(t, s), stepOf({ type: 'remove_tags', tags: ['urgente'], scope: 'conversation' }))).toEqual({ kind: 'next' });
      expect((await http().conversation(s.owner, s.conversationId)).tags).toEqual([]);
    });
  });

  describe('contact fields and lifecycle', () => {
    it('writes custom and built-in fields with variables, clears with null, and fails on a value the field refuses', async () => {
      const s = await createScene(t);
      await http().ok(s.owner, 'POST', '/api/v1/contact-fields', { key: 'acepta', label: 'Acepta', type: 'checkbox' });
      const sc = await stepContext(t, s, { vars: { plan: 'Oro', correo: 'Ana@Correo.com' } });
      const write = (field: string, value: string | null) => updateContactFieldStep.run(sc, stepOf({ type: 'update_contact_field', field, value }));
      expect(await write('plan', 'Plan {{vars.plan}}')).toEqual({ kind: 'next', detail: { field: 'plan', value: 'Plan Oro' } });
      expect(await write('acepta', 'Sí')).toMatchObject({ kind: 'next' });
      expect(await write('email', '{{correo}}')).toMatchObject({ kind: 'next' });
      expect(await write('document_number', 'V-123')).toMatchObject({ kind: 'next' });
      expect(await http().contact(s.owner, s.contactId)).toMatchObject({ email: 'ana@correo.com', documentNumber: 'V-123', customFields: { plan: 'Plan Oro', acepta: true } });
      expect(await write('plan', null)).toMatchObject({ kind: 'next' });
      expect((await http().contact(s.owner, s.contactId)).customFields).toEqual({ acepta: true });
      expect(await write('email', 'no es un correo')).toMatchObject({ kind: 'fail', error: expect.stringMatching(/email/), detail: { status: 400 } });
    });

    it('moves the lifecycle stage with its own event, as PATCH /contacts does; the same stage changes nothing', async () => {
      const s = await createScene(t);
      expect(await updateLifecycleStep.run(await stepContext(t, s, { vars: { etapa: 'Cliente' } }), stepOf({ type: 'update_lifecycle', stage: '{{etapa}}' }))).toEqual({ kind: 'next', detail: { stage: 'Cliente' } });
      expect((await http().contact(s.owner, s.contactId)).lifecycleStage).toBe('Cliente');
      expect(await updateLifecycleStep.run(await stepContext(t, s), stepOf({ type: 'update_lifecycle', stage: 'Cliente' }))).toMatchObject({ kind: 'next' });
      expect(await http().ok(s.owner, 'PATCH', `/api/v1/contacts/${s.contactId}`, { lifecycleStage: 'Exalumno', name: 'Ana María Díaz' })).toMatchObject({ lifecycleStage: 'Exalumno', name: 'Ana María Díaz' });
      expect(await updateLifecycleStep.run(await stepContext(t, s), stepOf({ type: 'update_lifecycle', stage: null }))).toEqual({ kind: 'next', detail: { stage: null } });
      expect((await http().contact(s.owner, s.contactId)).lifecycleStage).toBeNull();
      expect((await eventsOfType(t, s.workspaceId, 'contact.lifecycle_updated')).map((e) => [e.actor_type, e.payload.contactId, e.payload.from, e.payload.to])).toEqual([
        ['workflow', s.contactId, null, 'Cliente'], ['user', s.contactId, 'Cliente', 'Exalumno'], ['workflow', s.contactId, 'Exalumno', null],
      ]);
    });

    it('fails without a contact', async () => {
      const s = await createScene(t);
      const alone = await stepContext(t, { workspaceId: s.workspaceId, contactId: null, conversationId: null });
      expect(await updateLifecycleStep.run(alone, stepOf({ type: 'update_lifecycle', stage: 'Lead' }))).toMatchObject({ kind: 'fail' });
      expect(await addTagsStep.run(alone, stepOf({ type: 'add_tags', tags: ['x'] }))).toMatchObject({ kind: 'fail' });
    });
  });

  describe('the conversation', () => {
    it('closes with its closing note filled in, reopens, wakes a snoozed one, and leaves an active one alone', async () => {
      const s = await createScene(t);
      await http().ok(s.owner, 'POST', '/api/v1/closing-categories', { name: 'Consulta resuelta' });
      const close = stepOf({ type: 'close_conversation', category: 'Consulta resuelta', summary: 'Resuelto para {{contact.first_name}}' });
      expect(await closeConversationStep.run(await stepContext(t, s), close)).toEqual({ kind: 'next' });
      expect(await http().conversation(s.owner, s.conversationId)).toMatchObject({ status: 'closed', closingNote: { category: 'Consulta resuelta', summary: 'Resuelto para Ana' } });
      expect(await closeConversationStep.run(await stepContext(t, s), close)).toEqual({ kind: 'next', detail: { unchanged: true } });

      const open = stepOf({ type: 'open_conversation' });
      expect(await openConversationStep.run(await stepContext(t, s), open)).toEqual({ kind: 'next', detail: { status: 'queued' } });
      expect(await openConversationStep.run(await stepContext(t, s), open)).toEqual({ kind: 'next', detail: { unchanged: true, status: 'queued' } });
      await http().ok(s.owner, 'POST', `/api/v1/conversations/${s.conversationId}/snooze`, { kind: 'until_reply' });
      expect(await openConversationStep.run(await stepContext(t, s), open)).toEqual({ kind: 'next', detail: { status: 'queued' } });
      expect(await http().conversation(s.owner, s.conversationId)).toMatchObject({ status: 'queued', snooze: null });
      const actions = (await http().timeline(s.owner, s.conversationId)).filter((m) => m.kind === 'activity').map((m) => m.meta.action);
      expect(actions).toEqual(expect.arrayContaining(['closed', 'reopened', 'snoozed', 'woken']));
      expect(await openConversationStep.run(await stepContext(t, { ...s, conversationId: null }), open)).toMatchObject({ kind: 'fail' });
    });

    it('a closing note the workspace requires and the step lacks fails the step', async () => {
      const s = await createScene(t);
      await http().ok(s.owner, 'PATCH', '/api/v1/workspace', { closingNotePolicy: 'category' });
      expect(await closeConversationStep.run(await stepContext(t, s), stepOf({ type: 'close_conversation' })))
        .toMatchObject({ kind: 'fail', detail: { code: 'closing_note_required' } });
    });

    it('pauses and resumes the bot; already so, it goes on', async () => {
      const s = await createScene(t);
      expect(await resumeBotStep.run(await stepContext(t, s), stepOf({ type: 'resume_bot' }))).toEqual({ kind: 'next' });
      expect(await http().conversation(s.owner, s.conversationId)).toMatchObject({ status: 'bot', botActive: true });
      expect(await resumeBotStep.run(await stepContext(t, s), stepOf({ type: 'resume_bot' }))).toEqual({ kind: 'next', detail: { unchanged: true, botActive: true } });
      expect(await pauseBotStep.run(await stepContext(t, s), stepOf({ type: 'pause_bot' }))).toEqual({ kind: 'next' });
      expect(await http().conversation(s.owner, s.conversationId)).toMatchObject({ status: 'queued', botActive: false });
    });
  });

  describe('waits', () => {
    it('waits a duration, until a time of day, until an instant (not when it has passed) and until the hours open', async () => {
      const s = await createScene(t);
      const teamId = await createTeam(t, s.owner, `Horario ${s.workspaceId}`);
      await http().ok(s.owner, 'PATCH', `/api/v1/teams/${teamId}`, { routing: { businessHours: hours } });
      const early = await stepContext(t, s, { now: EARLY });
      const until = async (raw: Record<string, unknown>) => {
        const r = await waitStep.run(early, stepOf({ type: 'wait', ...raw }));
        return r.kind === 'wait' ? r.until?.toISOString() : r.kind;
      };
      expect(await until({ duration: { amount: 2, unit: 'hours' } })).toBe('2026-01-05T13:00:00.000Z');
      expect(await until({ until: { kind: 'time_of_day', time: '08:30', timezone: 'America/Caracas' } })).toBe('2026-01-05T12:30:00.000Z');
      expect(await until({ until: { kind: 'datetime', at: '2026-01-06T00:00:00-04:00' } })).toBe('2026-01-06T04:00:00.000Z');
      expect(await until({ until: { kind: 'datetime', at: '2026-01-01T00:00:00Z' } })).toBe('next');
      expect(await until({ until: { kind: 'business_hours', teamId } })).toBe('2026-01-05T13:00:00.000Z');
      expect(await waitStep.run(await stepContext(t, s, { now: IN_HOURS }), stepOf({ type: 'wait', until: { kind: 'business_hours', teamId } }))).toEqual({ kind: 'next', detail: { waited: false } });
      // The workspace's own timezone (America/Caracas by default) when the step names none.
      expect(await until({ until: { kind: 'time_of_day', time: '07:00' } })).toBe('2026-01-06T11:00:00.000Z');
      expect(await waitStep.resume!(early, stepOf({ type: 'wait', duration: { amount: 1, unit: 'days' } }), { kind: 'timer' }, {})).toEqual({ kind: 'next' });
      expect(await waitStep.run(early, stepOf({ type: 'wait' }))).toMatchObject({ kind: 'fail' });
    });
  });

  describe('branching and flow', () => {
    it('runs the first branch whose conditions hold, else `else`', async () => {
      const s = await createScene(t);
      const teamId = await createTeam(t, s.owner, `Ramas ${s.workspaceId}`);
      await http().ok(s.owner, 'PATCH', `/api/v1/teams/${teamId}`, { routing: { businessHours: hours } });
      await http().ok(s.owner, 'PATCH', `/api/v1/contacts/${s.contactId}`, { customFields: { plan: 'Oro' } });
      const step = stepOf({
        type: 'branch',
        branches: [
          { id: 'cerrado', conditions: [{ kind: 'business_hours', operator: 'is', value: 'closed', teamId }] },
          { id: 'oro', conditions: [{ kind: 'contact_field', field: 'plan', operator: 'is', value: 'oro' }, { kind: 'channel', operator: 'is', channelType: 'api' }] },
        ],
      });
      expect(await branchStep.run(await stepContext(t, s, { now: EARLY }), step)).toEqual({ kind: 'branch', path: 'branches[0].steps', detail: { branch: 'cerrado' } });
      expect(await branchStep.run(await stepContext(t, s, { now: IN_HOURS }), step)).toEqual({ kind: 'branch', path: 'branches[1].steps', detail: { branch: 'oro' } });
      await http().ok(s.owner, 'PATCH', `/api/v1/contacts/${s.contactId}`, { customFields: { plan: 'Plata' } });
      expect(await branchStep.run(await stepContext(t, s, { now: IN_HOURS }), step)).toEqual({ kind: 'branch', path: 'else', detail: { branch: 'else' } });
    });

    it('jumps and ends', async () => {
      const s = await createScene(t);
      const sc = await stepContext(t, s);
      expect(await jumpToStep.run(sc, stepOf({ type: 'jump_to', target: 'inicio' }))).toEqual({ kind: 'jump', stepId: 'inicio' });
      expect(await endStep.run(sc, stepOf({ type: 'end' }))).toEqual({ kind: 'end' });
    });

    it('starts another workflow for the same contact and conversation, once per run and step', async () => {
      const s = await createScene(t);
      const other = await publishWorkflow(t, s.owner, 'Seguimiento', {
        version: 1,
        trigger: { type: 'shortcut', name: 'Seguimiento' },
        steps: [{ id: 'nota', type: 'add_note', text: 'Seguimiento de {{contact.first_name}}' }],
      });
      const sc = await stepContext(t, s);
      const step = stepOf({ type: 'trigger_workflow', workflowId: other });
      const started = await triggerWorkflowStep.run(sc, step);
      expect(started).toEqual({ kind: 'next', detail: { workflowId: other, runId: expect.any(Number) } });
      expect(await runsOf(t, s.owner, other)).toEqual([expect.objectContaining({ conversationId: s.conversationId })]);
      expect(await triggerWorkflowStep.run(sc, step)).toEqual({ kind: 'next', detail: { workflowId: other, skipped: 'duplicate' } });
      expect(await triggerWorkflowStep.run(sc, stepOf({ type: 'trigger_workflow', workflowId: null }))).toMatchObject({ kind: 'fail' });
    });
  });
});
