import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createTeam, createWorkspace, type Session } from '../../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../../test/channel-fixtures.js';
import { publishWorkflow, runsOf, runView } from '../../../../test/workflow-fixtures.js';
import { ManualClock } from '../../../platform/clock.js';
import { runDueJobs } from '../../../../test/due-jobs.js';
import { wakeRunJob } from '../workflows.subscriber.js';
import { MAX_RUNS_PER_CONTACT_PER_HOUR } from './start-run.js';

const MINUTE = 60_000;
type Message = { kind: string; direction: string | null; sender: { type: string }; body: string };

describeEachDriver('the workflow engine runs published workflows from the event log', (driver) => {
  let t: TestApp;
  // A Wednesday, 15:00 in Caracas (UTC-4): in the future of the real clock, so pg-boss leaves timers to the test.
  const clock = new ManualClock(new Date('2026-11-25T19:00:00Z'));
  let n = 0;

  const ok = async (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const res = await t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const writes = async (channel: ApiChannel, text: string, who?: string) => {
    n += 1;
    const res = await postInbound(t, channel, inboundMessage(`wf-${n}`, who ?? `wf-c-${n}`, text, 'Ana Díaz'));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().conversationId as number;
  };
  const sent = async (s: Session, id: number) =>
    ((await ok(s, 'GET', `/api/v1/conversations/${id}/messages?limit=100`)).items as Message[]).filter((m) => m.kind === 'message' && m.direction === 'outbound').map((m) => m.body);
  /** Fires the run timers that are due on the test's clock, as pg-boss would when their time comes. */
  const fireDueTimers = () => runDueJobs(t, clock, wakeRunJob);

  async function setUp() {
    const { owner } = await createWorkspace(t);
    const hours = { timezone: 'America/Caracas', days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]])), holidays: [], awayMessage: '' };
    const teamId = await createTeam(t, owner, `Atención ${n}`);
    await ok(owner, 'PATCH', `/api/v1/teams/${teamId}`, { routing: { businessHours: hours } });
    const channel = await createApiChannel(t, owner, { defaultTeamId: teamId });
    return { owner, teamId, channel };
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
  });
  afterAll(() => t?.close());

  it('out of hours, a customer\'s message gets the away message; in hours it does not', async () => {
    const { owner, teamId, channel } = await setUp();
    const workflowId = await publishWorkflow(t, owner, 'Fuera de horario', {
      version: 1,
      trigger: { type: 'message_received' },
      steps: [{ id: 'hours', type: 'branch', branches: [{ id: 'closed', name: 'Cerrado', conditions: [{ kind: 'business_hours', operator: 'is', value: 'closed', teamId }], steps: [
        { id: 'away', type: 'send_message', message: { kind: 'text', text: 'Hola {{contact.first_name}}, estamos fuera de horario; te respondemos mañana desde las 9:00.' } },
      ] }] }],
    });
    const open = await writes(channel, 'Hola');
    await expect.poll(async () => (await runsOf(t, owner, workflowId)).map((r) => r.status)).toEqual(['completed']);
    expect(await sent(owner, open)).toEqual([]);

    clock.set(new Date('2026-11-28T19:00:00Z')); // Saturday
    const closed = await writes(channel, 'Hola, ¿hay alguien?');
    await expect.poll(() => sent(owner, closed)).toEqual(['Hola Ana, estamos fuera de horario; te respondemos mañana desde las 9:00.']);
    const [latest] = await runsOf(t, owner, workflowId);
    expect((await runView(t, owner, latest.id)).steps.map((s) => [s.stepId, s.outcome])).toEqual([['hours', 'branch'], ['away', 'ok']]);
    clock.set(new Date('2026-11-25T19:00:00Z'));
  });

  it('starts on the first message after it is published, and on none after it is stopped (the subscriber keeps what it read of the workspace)', async () => {
    const { owner, channel } = await setUp();
    const handled = async () => {
      const [{ last }] = (await t.ctx.database.executeSql(`SELECT max(id) AS last FROM events`)).rows as Array<{ last: number }>;
      await expect.poll(async () => Number(((await t.ctx.database.executeSql(`SELECT last_event_id FROM subscriber_cursors WHERE name = 'workflows.trigger'`)).rows[0] as { last_event_id: number }).last_event_id)).toBeGreaterThanOrEqual(Number(last));
    };
    const before = await writes(channel, 'Hola, antes de publicar');
    await handled();
    const workflowId = await publishWorkflow(t, owner, 'Bienvenida', { version: 1, trigger: { type: 'message_received' }, steps: [{ id: 'hi', type: 'send_message', message: { kind: 'text', text: 'Bienvenido' } }] });
    const after = await writes(channel, 'Hola, después de publicar');
    await expect.poll(() => sent(owner, after)).toEqual(['Bienvenido']);
    await ok(owner, 'POST', `/api/v1/workflows/${workflowId}/stop`);
    const stopped = await writes(channel, 'Hola, con el flujo detenido');
    await handled();
    expect((await runsOf(t, owner, workflowId)).length).toBe(1);
    expect(await sent(owner, stopped)).toEqual([]);
    expect(await sent(owner, before)).toEqual([]);
  });

  it('asks a question and saves the answer; a question nobody answers takes its time-out branch', async () => {
    const { owner, channel } = await setUp();
    const workflowId = await publishWorkflow(t, owner, 'Correo', {
      version: 1,
      trigger: { type: 'conversation_opened', sources: ['contact'] },
      steps: [
        { id: 'ask', type: 'ask_question', question: '¿Cuál es tu correo?', kind: 'email', saveTo: { contactField: 'email' }, invalidMessage: 'Ese correo no es válido.', timeoutMinutes: 30, onTimeout: [
          { id: 'late', type: 'send_message', message: { kind: 'text', text: 'Te escribimos más tarde.' } },
          { id: 'stop', type: 'end' },
        ] },
        { id: 'thanks', type: 'send_message', message: { kind: 'text', text: 'Gracias, {{contact.email}}' } },
      ],
    });
    const answered = await writes(channel, 'Hola', 'answers');
    await expect.poll(() => sent(owner, answered)).toEqual(['¿Cuál es tu correo?']);
    await writes(channel, 'no sé', 'answers');
    await expect.poll(async () => (await sent(owner, answered)).at(-1)).toBe('Ese correo no es válido.');
    await writes(channel, 'ana.diaz@correo.com', 'answers');
    await expect.poll(async () => (await sent(owner, answered)).at(-1)).toBe('Gracias, ana.diaz@correo.com');

    const silent = await writes(channel, 'Hola', 'silent');
    await expect.poll(() => sent(owner, silent)).toEqual(['¿Cuál es tu correo?']);
    clock.advance(29 * MINUTE);
    await fireDueTimers();
    expect(await sent(owner, silent)).toEqual(['¿Cuál es tu correo?']);
    clock.advance(2 * MINUTE);
    await fireDueTimers();
    expect(await sent(owner, silent)).toEqual(['¿Cuál es tu correo?', 'Te escribimos más tarde.']);
    const runs = await runsOf(t, owner, workflowId);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
  });

  it('runs of one conversation take turns: the second workflow\'s messages come after the first\'s', async () => {
    const { owner, channel } = await setUp();
    const say = (id: string, text: string) => ({ id, type: 'send_message', message: { kind: 'text', text } });
    await publishWorkflow(t, owner, 'Primero', { version: 1, trigger: { type: 'message_received' }, steps: [say('a1', 'uno'), say('a2', 'dos'), say('a3', 'tres')] });
    await publishWorkflow(t, owner, 'Segundo', { version: 1, trigger: { type: 'message_received' }, steps: [say('b1', 'cuatro'), say('b2', 'cinco')] });
    const id = await writes(channel, 'Hola');
    await expect.poll(() => sent(owner, id)).toEqual(['uno', 'dos', 'tres', 'cuatro', 'cinco']);
  });

  it('stops a storm: two workflows that start each other stop at the per-contact limit', async () => {
    const { owner, channel } = await setUp();
    const id = await writes(channel, 'Hola');
    const contactId = (await ok(owner, 'GET', `/api/v1/conversations/${id}`)).contact.id;
    const ping = await publishWorkflow(t, owner, 'Ping', { version: 1, trigger: { type: 'contact_tag_updated', change: 'added', tags: ['ping'] }, steps: [
      { id: 'rm', type: 'remove_tags', tags: ['ping'] }, { id: 'add', type: 'add_tags', tags: ['pong'] },
    ] });
    const pong = await publishWorkflow(t, owner, 'Pong', { version: 1, trigger: { type: 'contact_tag_updated', change: 'added', tags: ['pong'] }, steps: [
      { id: 'rm', type: 'remove_tags', tags: ['pong'] }, { id: 'add', type: 'add_tags', tags: ['ping'] },
    ] });
    await ok(owner, 'POST', `/api/v1/contacts/${contactId}/tags`, { tags: ['ping'] });
    await expect.poll(async () => (await runsOf(t, owner, ping)).length, { timeout: 60_000 }).toBe(MAX_RUNS_PER_CONTACT_PER_HOUR);
    await expect.poll(async () => (await runsOf(t, owner, pong)).length, { timeout: 60_000 }).toBe(MAX_RUNS_PER_CONTACT_PER_HOUR);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await runsOf(t, owner, ping)).length).toBe(MAX_RUNS_PER_CONTACT_PER_HOUR);
  });

  // Last: after a restart the app's mail log (which the fixtures read) starts empty.
  it('a run waiting an hour survives a restart and goes on when its time comes', async () => {
    const { owner, channel } = await setUp();
    const workflowId = await publishWorkflow(t, owner, 'Seguimiento', { version: 1, trigger: { type: 'conversation_opened' }, steps: [
      { id: 'later', type: 'wait', duration: { amount: 1, unit: 'hours' } },
      { id: 'follow', type: 'send_message', message: { kind: 'text', text: '¿Pudiste resolverlo?' } },
    ] });
    const id = await writes(channel, 'Hola');
    await expect.poll(async () => (await runsOf(t, owner, workflowId)).map((r) => r.status)).toEqual(['waiting']);
    await t.restart();
    clock.advance(61 * MINUTE);
    await fireDueTimers();
    expect(await sent(owner, id)).toEqual(['¿Pudiste resolverlo?']);
    expect((await runsOf(t, owner, workflowId)).map((r) => r.status)).toEqual(['completed']);
  });
});
