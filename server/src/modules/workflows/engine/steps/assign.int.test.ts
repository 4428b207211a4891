import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../../test/harness.js';
import { createMember, createTeam, type Session } from '../../../../../test/fixtures.js';
import { api, createScene, customerWrites, stepContext, stepOf, type Scene } from './__fixtures__/step-scene.js';
import { assignStep, unassignStep } from './assign.step.js';

const MINUTE = 60_000;

describeEachDriver('workflow assign and unassign steps', (driver) => {
  let t: TestApp;
  const http = () => api(t);

  /** A team of two agents (the first created has the lower id) and a customer whose conversation lands in it. */
  async function setUp(opts: { online?: boolean } = {}) {
    const base = await createScene(t);
    const [ana, beto] = [
      await createMember(t, base.owner, { role: 'agent', accessLevel: 'team', name: 'Ana Agente' }),
      await createMember(t, base.owner, { role: 'agent', accessLevel: 'team', name: 'Beto Agente' }),
    ];
    const teamId = await createTeam(t, base.owner, `Ventas ${base.workspaceId}`, [ana.userId, beto.userId]);
    if (opts.online ?? true) for (const a of [ana, beto]) await setStatus(a, 'online');
    return { ...base, ana, beto, teamId };
  }
  const setStatus = (s: Session, status: string) => http().ok(s, 'PUT', '/api/v1/profile/status', { status });
  const another = async (s: Scene) => ({ ...s, ...(await customerWrites(t, s)) });
  const conversation = (s: Scene) => http().conversation(s.owner, s.conversationId);
  const toTeam = (teamId: number, extra: Record<string, unknown> = {}) => stepOf({ type: 'assign', target: { kind: 'team', teamId, ...extra }, ...extra });

  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t?.close());

  it('round robin gives each new conversation to the team\'s agent assigned longest ago, and says so on the timeline', async () => {
    const s = await setUp();
    expect(await assignStep.run(await stepContext(t, s), toTeam(s.teamId))).toEqual({ kind: 'next', detail: { assigneeId: s.ana.userId, teamId: s.teamId } });
    expect(await conversation(s)).toMatchObject({ status: 'open', assignee: { id: s.ana.userId }, team: { id: s.teamId } });
    const entry = (await http().timeline(s.owner, s.conversationId)).find((m) => m.kind === 'activity' && m.meta.action === 'transferred');
    expect(entry?.meta).toMatchObject({ to: { assigneeId: s.ana.userId, teamId: s.teamId } });

    const second = await another(s);
    expect(await assignStep.run(await stepContext(t, second), toTeam(s.teamId))).toMatchObject({ kind: 'next', detail: { assigneeId: s.beto.userId } });
    const third = await another(s);
    expect(await assignStep.run(await stepContext(t, third), toTeam(s.teamId))).toMatchObject({ kind: 'next', detail: { assigneeId: s.ana.userId } });
  });

  it('least busy picks the agent with the fewest open conversations; the step\'s limit leaves out the full ones', async () => {
    const s = await setUp();
    await http().ok(s.owner, 'POST', `/api/v1/conversations/${s.conversationId}/assign`, { assigneeId: s.ana.userId, teamId: s.teamId });
    const next = await another(s);
    expect(await assignStep.run(await stepContext(t, next), stepOf({ type: 'assign', target: { kind: 'team', teamId: s.teamId, strategy: 'least_busy' } })))
      .toMatchObject({ detail: { assigneeId: s.beto.userId } });

    const third = await another(s);
    const limited = stepOf({ type: 'assign', target: { kind: 'team', teamId: s.teamId, strategy: 'round_robin' }, maxOpenConversations: 1, queueWhenNobody: false });
    expect(await assignStep.run(await stepContext(t, third), limited)).toEqual({ kind: 'branch', path: 'onTimeout', detail: { nobodyAvailable: true } });
    expect(await http().conversation(s.owner, third.conversationId)).toMatchObject({ assignee: null });
  });

  it('with nobody online the conversation waits in the team\'s queue for an assignment, until its time-out', async () => {
    const s = await setUp({ online: false });
    const sc = await stepContext(t, s);
    const step = stepOf({ type: 'assign', target: { kind: 'team', teamId: s.teamId }, timeoutMinutes: 15 });
    const until = new Date(sc.now.getTime() + 15 * MINUTE);
    expect(await assignStep.run(sc, step)).toEqual({ kind: 'wait', for: 'assignment', until, state: { until: until.toISOString() }, detail: { nobodyAvailable: true, queued: true } });
    expect(await conversation(s)).toMatchObject({ status: 'queued', assignee: null, team: { id: s.teamId } });

    expect(await assignStep.resume!(sc, step, { kind: 'assigned', userId: s.beto.userId }, {})).toEqual({ kind: 'next', detail: { assigneeId: s.beto.userId } });
    expect(await assignStep.resume!(sc, step, { kind: 'timer' }, {})).toMatchObject({ kind: 'branch', path: 'onTimeout' });
    expect(await assignStep.resume!(sc, step, { kind: 'message', messageId: 1, text: '¿hola?' }, { until: until.toISOString() })).toMatchObject({ kind: 'wait', for: 'assignment', until });

    // Without "online only", offline agents qualify.
    const anyone = stepOf({ type: 'assign', target: { kind: 'team', teamId: s.teamId }, onlineOnly: false });
    expect(await assignStep.run(await stepContext(t, s), anyone)).toMatchObject({ kind: 'next', detail: { assigneeId: s.ana.userId } });
  });

  it('a conversation the bot has leaves it for the queue; without a time-out the run goes on at once', async () => {
    const s = await setUp({ online: false });
    await http().ok(s.owner, 'POST', `/api/v1/conversations/${s.conversationId}/bot`, { active: true });
    expect(await conversation(s)).toMatchObject({ status: 'bot', botActive: true });
    expect(await assignStep.run(await stepContext(t, s), toTeam(s.teamId))).toMatchObject({ kind: 'next', detail: { queued: true } });
    expect(await conversation(s)).toMatchObject({ status: 'queued', botActive: false, team: { id: s.teamId } });
  });

  it('to a named agent: assigned when they qualify, queued when they do not', async () => {
    const s = await setUp();
    await setStatus(s.beto, 'offline');
    const toBeto = stepOf({ type: 'assign', target: { kind: 'agent', userId: s.beto.userId }, queueWhenNobody: false });
    expect(await assignStep.run(await stepContext(t, s), toBeto)).toMatchObject({ kind: 'branch', path: 'onTimeout' });
    const toAna = stepOf({ type: 'assign', target: { kind: 'agent', userId: s.ana.userId } });
    expect(await assignStep.run(await stepContext(t, s), toAna)).toEqual({ kind: 'next', detail: { assigneeId: s.ana.userId, teamId: null } });
    expect(await conversation(s)).toMatchObject({ status: 'open', assignee: { id: s.ana.userId } });
    expect(await assignStep.run(await stepContext(t, s), toAna)).toMatchObject({ kind: 'next', detail: { unchanged: true } });
    expect(await assignStep.run(await stepContext(t, s), stepOf({ type: 'assign', target: { kind: 'agent', userId: null } }))).toMatchObject({ kind: 'fail', error: expect.stringMatching(/names no agent/) });
  });

  it('unassign returns the conversation to its queue; an unassigned one goes on unchanged', async () => {
    const s = await setUp();
    await http().ok(s.owner, 'POST', `/api/v1/conversations/${s.conversationId}/assign`, { assigneeId: s.ana.userId, teamId: s.teamId });
    expect(await unassignStep.run(await stepContext(t, s), stepOf({ type: 'unassign' }))).toEqual({ kind: 'next' });
    expect(await conversation(s)).toMatchObject({ status: 'queued', assignee: null, team: { id: s.teamId } });
    expect(await unassignStep.run(await stepContext(t, s), stepOf({ type: 'unassign' }))).toEqual({ kind: 'next', detail: { unchanged: true } });
    expect(await unassignStep.run(await stepContext(t, { ...s, conversationId: null }), stepOf({ type: 'unassign' }))).toMatchObject({ kind: 'fail' });
  });
});
