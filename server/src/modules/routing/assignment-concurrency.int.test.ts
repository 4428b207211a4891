import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, sign, type ApiChannel } from '../../../test/channel-fixtures.js';
import { ChildServer } from '../../../test/system/child-server.js';

const AGENTS = 10;
const CAPACITY = 5;
const ARRIVING = 200;

/**
 * Issue 5's concurrency check: 200 conversations arrive at once for a team of 10 agents with room for 5
 * each. Exactly 50 are assigned, 5 each, the first 50 to arrive; 150 wait in order; as agents close
 * conversations the next ones in the queue are assigned, and no agent ever holds more than 5 (checked on
 * the whole event log, which is in commit order). On PostgreSQL a second server process shares the work:
 * half the webhooks and closes go through it.
 */
describeEachDriver('routing under concurrency: 200 arrivals, 10 agents, capacity 5', (driver) => {
  let t: TestApp;
  let other: ChildServer | undefined;
  let owner: Session;
  let workspaceId: number;
  let channel: ApiChannel;
  const agents: Session[] = [];

  /** One request, through this process or, every other time on PostgreSQL, the second one. */
  let turn = 0;
  async function request(method: 'GET' | 'POST', url: string, opts: { headers?: Record<string, string>; payload?: string } = {}) {
    if (other && turn++ % 2 === 1) {
      const res = await fetch(`${other.url}${url}`, { method, headers: opts.headers, body: opts.payload });
      return { statusCode: res.status, body: await res.text() };
    }
    const res = await t.server.app.inject({ method, url, headers: opts.headers, ...(opts.payload ? { payload: opts.payload } : {}) });
    return { statusCode: res.statusCode, body: res.body };
  }
  const arrive = async (i: number) => {
    const raw = JSON.stringify(inboundMessage(`burst-${i}`, `5841400${String(i).padStart(5, '0')}`, `Consulta ${i}`, `Cliente ${i}`));
    const res = await request('POST', `/hooks/api/${channel.id}`, { headers: { 'content-type': 'application/json', 'x-atiende-signature': sign(channel.secret, raw) }, payload: raw });
    expect(res.statusCode, res.body).toBe(200);
  };
  const close = async (conversationId: number, by: Session) => {
    const res = await request('POST', `/api/v1/conversations/${conversationId}/close`, { headers: { ...by.headers, 'content-type': 'application/json' }, payload: '{}' });
    expect(res.statusCode, res.body).toBe(200);
  };

  interface Row { id: number; status: string; assignee_id: number | null; queued_at: Date | string; }
  const state = async (): Promise<Row[]> =>
    (await t.ctx.database.executeSql('SELECT id, status, assignee_id, queued_at FROM conversations WHERE workspace_id = $1 ORDER BY priority DESC, queued_at, id', [workspaceId])).rows as Row[];
  const openCounts = (rows: Row[]) => {
    const counts = new Map<number, number>(agents.map((a) => [a.userId, 0]));
    for (const r of rows) if (r.status === 'open' && r.assignee_id) counts.set(Number(r.assignee_id), (counts.get(Number(r.assignee_id)) ?? 0) + 1);
    return counts;
  };
  /** Waits until routing has filled every free place (or the queue is empty) and stays so. */
  const settled = async (expectedOpen: number) => {
    await expect.poll(async () => (await state()).filter((r) => r.status === 'open').length, { timeout: 60_000, interval: 200 }).toBe(expectedOpen);
    return state();
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner, workspaceId } = await createWorkspace(t));
    for (let i = 0; i < AGENTS; i++) agents.push(await createMember(t, owner, { role: 'agent', accessLevel: 'team', name: `Agente ${i + 1}` }));
    const teamId = await createTeam(t, owner, 'Ventas', agents.map((a) => a.userId));
    // Every status may be assigned, so a slow machine that misses a heartbeat does not change the figures under test.
    const patch = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/teams/${teamId}`, headers: owner.headers, payload: { routing: { policy: 'round_robin', maxPerAgent: CAPACITY, assignStatuses: ['online', 'away', 'busy', 'offline'] } } });
    expect(patch.statusCode, patch.body).toBe(200);
    channel = await createApiChannel(t, owner, { defaultTeamId: teamId });
    if (driver === 'postgres') other = await ChildServer.start({ env: { DATABASE_URL: t.config.DATABASE_URL! }, name: 'routing-b' });
  }, 180_000);

  afterAll(async () => {
    if (other) {
      await other.stop();
      fs.rmSync(other.dataDir, { recursive: true, force: true });
    }
    await t?.close();
  }, 60_000);

  it('assigns exactly 50, five each, to the first 50 to arrive; 150 wait in order; closing serves the next in line', async () => {
    await Promise.all(Array.from({ length: ARRIVING }, (_, i) => arrive(i)));
    let rows = await settled(AGENTS * CAPACITY);
    expect(rows).toHaveLength(ARRIVING);
    expect([...openCounts(rows).values()]).toEqual(Array(AGENTS).fill(CAPACITY));
    // Served in order: everything assigned arrived before everything still waiting.
    const firstWaiting = rows.findIndex((r) => r.status === 'queued');
    expect(firstWaiting).toBe(AGENTS * CAPACITY);
    expect(rows.slice(firstWaiting).every((r) => r.status === 'queued' && r.assignee_id === null)).toBe(true);

    // Three waves: each agent closes one, two, then one conversation, half of them through the other node.
    let closed = 0;
    for (const perAgent of [1, 2, 1]) {
      const open = rows.filter((r) => r.status === 'open');
      const headOfQueue = rows.filter((r) => r.status === 'queued').slice(0, perAgent * AGENTS).map((r) => r.id);
      await Promise.all(agents.flatMap((a) => open.filter((r) => Number(r.assignee_id) === a.userId).slice(0, perAgent).map((r) => close(r.id, a))));
      closed += perAgent * AGENTS;
      await expect.poll(async () => (await state()).filter((r) => r.status === 'closed').length, { timeout: 30_000 }).toBe(closed);
      rows = await settled(AGENTS * CAPACITY);
      expect([...openCounts(rows).values()]).toEqual(Array(AGENTS).fill(CAPACITY));
      const nowOpen = new Set(rows.filter((r) => r.status === 'open').map((r) => r.id));
      expect(headOfQueue.every((id) => nowOpen.has(id)), 'the next in line were the ones assigned').toBe(true);
    }
    expect(rows.filter((r) => r.status === 'queued')).toHaveLength(ARRIVING - AGENTS * CAPACITY - closed);

    // Never more than five at any moment: replay every change of assignment in commit order.
    const { rows: events } = await t.ctx.database.executeSql(`SELECT conversation_id, payload FROM events WHERE workspace_id = $1 AND type LIKE 'conversation.%' ORDER BY id`, [workspaceId]);
    const holder = new Map<number, number | null>();
    const held = new Map<number, number>();
    let most = 0;
    for (const e of events as { conversation_id: number; payload: { conversation: { status: string; assigneeId: number | null } } }[]) {
      const c = e.payload.conversation;
      const now = c.status === 'open' ? c.assigneeId : null;
      const before = holder.get(Number(e.conversation_id)) ?? null;
      if (before === now) continue;
      if (before !== null) held.set(before, held.get(before)! - 1);
      if (now !== null) held.set(now, (held.get(now) ?? 0) + 1);
      holder.set(Number(e.conversation_id), now);
      most = Math.max(most, ...held.values());
    }
    expect(most).toBe(CAPACITY);
  }, 240_000);
});
