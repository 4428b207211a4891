import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { queriesOf } from '../../../test/query-counter.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { ManualClock } from '../../platform/clock.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

describeEachDriver('supervisor live board', (driver) => {
  let t: TestApp;
  const clock = new ManualClock(NOW);
  let owner: Session;
  let sup: Session;
  let ana: Session;
  let beto: Session;
  let carla: Session;
  let dario: Session;
  let soporte: number;
  let ventas: number;
  let cobranzas: number;
  const c: Record<string, number> = {};
  let seq = 0;

  const http = (s: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Session, method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  const start = async (channel: ApiChannel) => {
    const res = await postInbound(t, channel, inboundMessage(`board-${++seq}`, `58414${String(seq).padStart(7, '0')}`, 'Hola', `Cliente ${seq}`));
    return res.json().conversationId as number;
  };
  const sql = (text: string, values: unknown[]) => t.ctx.database.executeSql(text, values);
  const waitingSince = (id: number, queuedAt: string | null, createdAt = NOW.toISOString()) =>
    sql('UPDATE conversations SET queued_at = $2, created_at = $3 WHERE id = $1', [id, queuedAt, createdAt]);
  const board = async (s: { headers: Record<string, string> }) => {
    const res = await http(s, 'GET', '/api/v1/routing/board');
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner } = await createWorkspace(t, { name: 'Óptica' }));
    soporte = await createTeam(t, owner, 'Soporte');
    ventas = await createTeam(t, owner, 'Ventas');
    // A team nobody serves yet, with automatic assignment: it has nothing to assign, so its figures stay zero.
    cobranzas = await createTeam(t, owner, 'Cobranzas');
    await sql(`UPDATE teams SET assignment_policy = 'round_robin' WHERE id = $1`, [cobranzas]);
    await sql('UPDATE teams SET max_per_agent = 2 WHERE id = $1', [soporte]);
    sup = await createMember(t, owner, { role: 'supervisor', accessLevel: 'all', name: 'Sofía' });
    ana = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [soporte], name: 'Ana' });
    beto = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [soporte, ventas], name: 'Beto' });
    carla = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [ventas], name: 'Carla' });
    dario = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [soporte], name: 'Dario' });
    await ok(owner, 'PATCH', `/api/v1/users/${dario.userId}`, { active: false });
    await sql('UPDATE memberships SET max_conversations = 3 WHERE user_id = $1 AND workspace_id = $2', [ana.userId, owner.workspaceId]);

    // Statuses: Ana and Sofía online, Beto busy (his choice), Carla away and idle since 12 minutes, the owner never came.
    for (const s of [ana, sup, beto]) await ok(s, 'POST', '/api/v1/presence/heartbeat', { idle: false });
    await ok(beto, 'PUT', '/api/v1/profile/status', { status: 'busy' });
    await ok(carla, 'PUT', '/api/v1/profile/status', { status: 'away' });
    await sql('UPDATE memberships SET idle_since = $3 WHERE user_id = $1 AND workspace_id = $2', [carla.userId, owner.workspaceId, minutesAgo(12)]);

    const ch = {
      soporte: await createApiChannel(t, owner, { defaultTeamId: soporte }),
      ventas: await createApiChannel(t, owner, { defaultTeamId: ventas }),
      none: await createApiChannel(t, owner),
    };
    // Soporte: three waiting (one queued before queued_at existed: it counts from its start), two open, one snoozed.
    c.s1 = await start(ch.soporte);
    await waitingSince(c.s1, minutesAgo(10));
    c.s2 = await start(ch.soporte);
    await waitingSince(c.s2, minutesAgo(25));
    c.s3 = await start(ch.soporte);
    await waitingSince(c.s3, null, minutesAgo(40));
    c.s4 = await start(ch.soporte);
    await ok(ana, 'POST', `/api/v1/conversations/${c.s4}/take`);
    c.s5 = await start(ch.soporte);
    await ok(owner, 'POST', `/api/v1/conversations/${c.s5}/assign`, { assigneeId: beto.userId });
    c.s6 = await start(ch.soporte);
    await ok(ana, 'POST', `/api/v1/conversations/${c.s6}/take`);
    await ok(ana, 'POST', `/api/v1/conversations/${c.s6}/snooze`, { kind: 'until_reply' });
    // Ventas: one waiting, one open, one closed (not counted).
    c.v1 = await start(ch.ventas);
    await waitingSince(c.v1, minutesAgo(3));
    c.v2 = await start(ch.ventas);
    await ok(owner, 'POST', `/api/v1/conversations/${c.v2}/assign`, { assigneeId: beto.userId });
    c.v3 = await start(ch.ventas);
    await ok(owner, 'POST', `/api/v1/conversations/${c.v3}/close`);
    // No team: one waiting.
    c.n1 = await start(ch.none);
    await waitingSince(c.n1, minutesAgo(7));
  });
  afterAll(() => t?.close());

  it('shows each team\'s queue: waiting, longest wait, oldest in line, open, agents online of its active members', async () => {
    const body = await board(sup);
    expect(body.generatedAt).toBe(NOW.toISOString());
    expect(body.teams).toEqual([
      { id: cobranzas, name: 'Cobranzas', policy: 'round_robin', maxPerAgent: null, waiting: 0, longestWaitSeconds: null, oldestWaitingId: null, open: 0, agentsOnline: 0, members: 0 },
      // Dario left the workspace: not a member any more for the board.
      { id: soporte, name: 'Soporte', policy: 'manual', maxPerAgent: 2, waiting: 3, longestWaitSeconds: 40 * 60, oldestWaitingId: c.s3, open: 2, agentsOnline: 1, members: 2 },
      { id: ventas, name: 'Ventas', policy: 'manual', maxPerAgent: null, waiting: 1, longestWaitSeconds: 3 * 60, oldestWaitingId: c.v1, open: 1, agentsOnline: 0, members: 2 },
    ]);
    expect(body.noTeam).toEqual({ waiting: 1, longestWaitSeconds: 7 * 60, oldestWaitingId: c.n1, open: 0 });
  });

  it('shows every active member: status, since when, open and snoozed load, capacity and their teams', async () => {
    const { agents } = await board(owner);
    expect(agents.map((a: { name: string }) => a.name)).toEqual(['Ana', 'Beto', 'Carla', 'Owner', 'Sofía']);
    const byId = new Map(agents.map((a: { id: number }) => [a.id, a]));
    expect(byId.get(ana.userId)).toEqual({
      id: ana.userId, name: 'Ana', avatarUrl: null, role: 'agent', status: 'online', lastSeenAt: NOW.toISOString(), idleSince: null,
      open: 1, snoozed: 1, maxConversations: 3, teams: [{ id: soporte, name: 'Soporte', maxPerAgent: 2, open: 1 }],
    });
    expect(byId.get(beto.userId)).toMatchObject({
      status: 'busy', open: 2, snoozed: 0, maxConversations: null,
      teams: [{ id: soporte, name: 'Soporte', maxPerAgent: 2, open: 1 }, { id: ventas, name: 'Ventas', maxPerAgent: null, open: 1 }],
    });
    expect(byId.get(carla.userId)).toMatchObject({ status: 'away', idleSince: minutesAgo(12), open: 0, snoozed: 0, teams: [{ id: ventas, open: 0 }] });
    expect(byId.get(owner.userId)).toMatchObject({ role: 'owner', status: 'offline', lastSeenAt: null, open: 0, teams: [] });
    expect(byId.get(sup.userId)).toMatchObject({ role: 'supervisor', status: 'online', teams: [] });
    expect(byId.has(dario.userId)).toBe(false);
  });

  it('counts waits from the injected clock and follows the queue as it moves', async () => {
    clock.advance(90_000);
    try {
      let body = await board(sup);
      expect(body.generatedAt).toBe(new Date(NOW.getTime() + 90_000).toISOString());
      expect(body.teams.find((x: { id: number }) => x.id === soporte).longestWaitSeconds).toBe(40 * 60 + 90);
      // Beto takes the oldest: the next in line is the one queued 25 minutes ago.
      await ok(beto, 'POST', `/api/v1/conversations/${c.s3}/take`);
      body = await board(sup);
      expect(body.teams.find((x: { id: number }) => x.id === soporte)).toMatchObject({ waiting: 2, oldestWaitingId: c.s2, longestWaitSeconds: 25 * 60 + 90, open: 3 });
      expect(body.agents.find((a: { id: number }) => a.id === beto.userId)).toMatchObject({ open: 3, teams: [{ id: soporte, open: 2 }, { id: ventas, open: 1 }] });
      await ok(beto, 'POST', `/api/v1/conversations/${c.s3}/return`);
      await waitingSince(c.s3, null, minutesAgo(40));
    } finally {
      clock.set(NOW);
    }
  });

  it('is for supervisors and up: agents are refused, strangers must sign in', async () => {
    const res = await http(ana, 'GET', '/api/v1/routing/board');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await http({ headers: {} }, 'GET', '/api/v1/routing/board')).statusCode).toBe(401);
  });

  it('shows only the asker\'s workspace', async () => {
    const other = await createWorkspace(t, { name: 'Otra' });
    const otherTeam = await createTeam(t, other.owner, 'Soporte');
    const body = await board(other.owner);
    expect(body.teams).toEqual([expect.objectContaining({ id: otherTeam, waiting: 0, open: 0, members: 0, longestWaitSeconds: null })]);
    expect(body.noTeam).toEqual({ waiting: 0, longestWaitSeconds: null, oldestWaitingId: null, open: 0 });
    expect(body.agents.map((a: { id: number }) => a.id)).toEqual([other.owner.userId]);
  });

  it('answers in three queries besides the session lookup, however many teams and members', async () => {
    const queries = async () => (await queriesOf(async () => expect((await http(sup, 'GET', '/api/v1/routing/board')).statusCode).toBe(200))).length;
    const before = await queries();
    expect(before).toBe(4);
    await createTeam(t, owner, 'Reclamos', [ana.userId, beto.userId]);
    await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [ventas] });
    expect(await queries()).toBe(before);
  });
});
