import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { runDueJobs } from '../../../test/due-jobs.js';
import { ASSIGN_WAITING, assignWaitingJob, CHECK_UNANSWERED, checkUnansweredJob } from './routing.subscriber.js';

const MINUTE = 60_000;
type Conversation = { id: number; status: string; assignee: { id: number } | null; queuePosition?: number | null; priority: string };

describeEachDriver('routing: team queues and automatic assignment', (driver) => {
  let t: TestApp;
  // A Wednesday, 15:00 in Caracas (UTC-4).
  const clock = new ManualClock(new Date('2026-11-25T19:00:00Z'));
  let customer = 0;

  const http = async (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const online = (...agents: Session[]) => Promise.all(agents.map((a) => ok(a, 'POST', '/api/v1/presence/heartbeat', { idle: false })));
  const conversation = async (s: Session, id: number): Promise<Conversation> => ok(s, 'GET', `/api/v1/conversations/${id}`);
  const assigneeOf = async (s: Session, id: number) => (await conversation(s, id)).assignee?.id ?? null;
  const customerWrites = async (channel: ApiChannel) => {
    customer += 1;
    const res = await postInbound(t, channel, inboundMessage(`m-${customer}`, `c-${customer}`, 'Hola, necesito ayuda', `Cliente ${customer}`));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().conversationId as number;
  };
  const scheduled = async (name: string) => {
    const { rows } = await t.ctx.database.executeSql(`SELECT start_after FROM pgboss.job WHERE name = $1 AND state = 'created' ORDER BY start_after`, [name]);
    return rows.map((r: { start_after: Date | string }) => new Date(r.start_after).toISOString());
  };

  async function setUp(routing: Record<string, unknown>, agents = 3) {
    const { owner } = await createWorkspace(t);
    const members: Session[] = [];
    for (let i = 0; i < agents; i++) members.push(await createMember(t, owner, { role: 'agent', accessLevel: 'team' }));
    const teamId = await createTeam(t, owner, `Ventas ${customer}`, members.map((m) => m.userId));
    await ok(owner, 'PATCH', `/api/v1/teams/${teamId}`, { routing });
    const channel = await createApiChannel(t, owner, { defaultTeamId: teamId });
    return { owner, members, teamId, channel };
  }

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
  });
  afterAll(() => t?.close());

  it('round robin: online agents get the team\'s conversations in turn up to the team\'s limit; the rest wait in order, each knowing its place', async () => {
    const { owner, members: [ana, beto, caro], channel } = await setUp({ policy: 'round_robin', maxPerAgent: 2 });
    await online(ana, beto); // Caro is offline: online agents only, by default
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await customerWrites(channel));
    await expect.poll(async () => (await Promise.all(ids.slice(0, 4).map((id) => assigneeOf(owner, id)))).filter(Boolean).length).toBe(4);
    const owners = await Promise.all(ids.map((id) => assigneeOf(owner, id)));
    expect(owners.filter((o) => o === ana.userId)).toHaveLength(2);
    expect(owners.filter((o) => o === beto.userId)).toHaveLength(2);
    expect(owners.slice(4)).toEqual([null, null]);
    expect(owners).not.toContain(caro.userId);
    expect((await conversation(owner, ids[4])).queuePosition).toBe(1);
    expect((await conversation(owner, ids[5])).queuePosition).toBe(2);

    // Capacity frees up: the first waiting one is assigned at once, to the agent who has room.
    await ok(ana, 'POST', `/api/v1/conversations/${ids[owners.indexOf(ana.userId)]}/close`, {});
    await expect.poll(() => assigneeOf(owner, ids[4])).toBe(ana.userId);
    expect((await conversation(owner, ids[5])).queuePosition).toBe(1);
  });

  it('an urgent conversation is served before those waiting longer; an agent coming online takes the queue at once', async () => {
    const { owner, members: [ana], channel } = await setUp({ policy: 'round_robin', maxPerAgent: 1 }, 1);
    const first = await customerWrites(channel);
    const second = await customerWrites(channel);
    await ok(owner, 'POST', `/api/v1/conversations/${second}/priority`, { priority: 'urgent' });
    expect((await conversation(owner, second)).queuePosition).toBe(1);
    expect((await conversation(owner, first)).queuePosition).toBe(2);
    await online(ana);
    await expect.poll(() => assigneeOf(owner, second)).toBe(ana.userId);
    expect(await assigneeOf(owner, first)).toBeNull();
  });

  it('least busy gives the next one to the agent with the fewest open conversations, within their own limit', async () => {
    const { owner, members: [ana, beto], channel } = await setUp({ policy: 'least_busy' }, 2);
    await ok(owner, 'PATCH', `/api/v1/users/${beto.userId}`, { maxConversations: 1 });
    await online(ana);
    const first = [await customerWrites(channel), await customerWrites(channel)];
    await expect.poll(async () => (await Promise.all(first.map((id) => assigneeOf(owner, id)))).every((a) => a === ana.userId)).toBe(true);
    await online(beto);
    const next = await customerWrites(channel);
    await expect.poll(() => assigneeOf(owner, next)).toBe(beto.userId); // 0 open against Ana's 2
    const last = await customerWrites(channel);
    await expect.poll(() => assigneeOf(owner, last)).toBe(ana.userId); // Beto is at his limit of 1
  });

  it('a manual team only queues: agents take from it', async () => {
    const { owner, members: [ana], channel } = await setUp({ policy: 'manual' }, 1);
    await online(ana);
    const id = await customerWrites(channel);
    const other = await customerWrites(channel);
    await ok(owner, 'GET', '/api/v1/conversations'); // a request later, routing has had its turn
    expect(await assigneeOf(owner, id)).toBeNull();
    expect((await conversation(owner, other)).queuePosition).toBe(2);
    await ok(ana, 'POST', `/api/v1/conversations/${id}/take`);
    expect(await assigneeOf(owner, id)).toBe(ana.userId);
  });

  it('an assignee who does not reply within the team\'s minutes loses the conversation to another agent; one who replies keeps it', async () => {
    const { owner, members: [ana, beto], channel } = await setUp({ policy: 'round_robin', reassignAfterMinutes: 5 }, 2);
    await online(ana);
    const silent = await customerWrites(channel);
    const answered = await customerWrites(channel);
    await expect.poll(() => assigneeOf(owner, answered)).toBe(ana.userId);
    expect(await assigneeOf(owner, silent)).toBe(ana.userId);
    await expect.poll(async () => (await scheduled(CHECK_UNANSWERED)).length).toBeGreaterThanOrEqual(2);
    await ok(ana, 'POST', `/api/v1/conversations/${answered}/messages`, { body: 'Hola, ya le ayudo' });

    clock.advance(4 * MINUTE);
    await online(ana, beto);
    await runDueJobs(t, clock, checkUnansweredJob);
    expect(await assigneeOf(owner, silent)).toBe(ana.userId); // not yet

    clock.advance(2 * MINUTE);
    await online(ana, beto);
    expect(await runDueJobs(t, clock, checkUnansweredJob)).toBeGreaterThanOrEqual(2);
    await expect.poll(() => assigneeOf(owner, silent)).toBe(beto.userId);
    expect(await assigneeOf(owner, answered)).toBe(ana.userId);
    const timeline = await ok(owner, 'GET', `/api/v1/conversations/${silent}/messages`);
    expect(JSON.stringify(timeline)).toContain('"reason":"unanswered"');
  });

  it('an agent going offline returns the open conversations of teams that ask for it; a deactivated member returns all of theirs', async () => {
    const { owner, members: [ana, beto], channel } = await setUp({ policy: 'round_robin', returnWhenOffline: true }, 2);
    await online(ana);
    const a = await customerWrites(channel);
    await expect.poll(() => assigneeOf(owner, a)).toBe(ana.userId);
    await online(beto);
    await ok(ana, 'PUT', '/api/v1/profile/status', { status: 'offline' });
    await expect.poll(() => assigneeOf(owner, a)).toBe(beto.userId);

    await ok(owner, 'PATCH', `/api/v1/users/${beto.userId}`, { active: false });
    await expect.poll(async () => (await conversation(owner, a)).status).toBe('queued');
    expect(await assigneeOf(owner, a)).toBeNull();
  });

  it('a closed team keeps its queue waiting and serves it when it opens, across the weekend', async () => {
    const hours = { timezone: 'America/Caracas', days: { mon: [{ from: '09:00', to: '18:00' }], tue: [{ from: '09:00', to: '18:00' }], wed: [{ from: '09:00', to: '14:00' }] }, holidays: [], awayMessage: '' };
    const { owner, members: [ana], channel } = await setUp({ policy: 'round_robin', businessHours: hours }, 1);
    await online(ana);
    const id = await customerWrites(channel); // Wednesday 15:00: closed since 14:00
    await expect.poll(() => scheduled(ASSIGN_WAITING)).toContain('2026-11-30T13:00:00.000Z'); // Monday 09:00 in Caracas
    expect(await assigneeOf(owner, id)).toBeNull();

    clock.set(new Date('2026-11-30T13:00:30Z'));
    await online(ana);
    await runDueJobs(t, clock, assignWaitingJob);
    expect(await assigneeOf(owner, id)).toBe(ana.userId);
  });
});
