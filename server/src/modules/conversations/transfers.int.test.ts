import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { queriesOf } from '../../../test/query-counter.js';
import { createApiToken, createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { ManualClock } from '../../platform/clock.js';

describeEachDriver('conversation transfers', (driver) => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-01-05T12:00:00Z'));
  let owner: Session;
  let soporte: number;
  let ventas: number;
  let channelA: ApiChannel;
  let channelB: ApiChannel;
  let ana: Session;
  let beto: Session;
  let supervisor: Session;
  let supervisorSoporte: Session;
  let agentSoporte: Session;
  let seq = 0;

  type Who = { headers: Record<string, string> };
  const http = (s: Who, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Who, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const start = async (channel: ApiChannel, name = `Cliente ${seq + 1}`) => {
    const res = await postInbound(t, channel, inboundMessage(`tr-${++seq}`, `58424${String(seq).padStart(7, '0')}`, 'Hola', name));
    return res.json().conversationId as number;
  };
  const assign = (s: Who, id: number, body: Record<string, unknown>) => ok(s, 'POST', `/api/v1/conversations/${id}/assign`, body);
  const transfers = async (s: Who, id: number) => (await ok(s, 'GET', `/api/v1/conversations/${id}/transfers`)).items;

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner } = await createWorkspace(t, { name: 'Óptica' }));
    soporte = await createTeam(t, owner, 'Soporte');
    ventas = await createTeam(t, owner, 'Ventas');
    channelA = await createApiChannel(t, owner, { defaultTeamId: soporte });
    channelB = await createApiChannel(t, owner, { defaultTeamId: ventas });
    ana = await createMember(t, owner, { role: 'agent', accessLevel: 'all', name: 'Ana' });
    beto = await createMember(t, owner, { role: 'agent', accessLevel: 'all', name: 'Beto' });
    supervisor = await createMember(t, owner, { role: 'supervisor', accessLevel: 'all', name: 'Sofía' });
    supervisorSoporte = await createMember(t, owner, { role: 'supervisor', accessLevel: 'team', teamIds: [soporte], name: 'Sergio' });
    agentSoporte = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [soporte], name: 'Ramón' });
  });
  afterAll(() => t.close());

  it('a transfer to a team records from, to, by whom, when and why', async () => {
    clock.set('2026-01-05T12:00:00Z');
    const id = await start(channelA);
    await ok(ana, 'POST', `/api/v1/conversations/${id}/take`);
    clock.set('2026-01-05T12:10:00Z');
    const moved = await assign(ana, id, { teamId: ventas, reason: 'Es una venta' });
    expect(moved).toMatchObject({ status: 'queued', team: { id: ventas }, assignee: null });

    expect(await transfers(owner, id)).toEqual([{
      id: expect.any(Number),
      conversationId: id,
      from: { team: { id: soporte, name: 'Soporte' }, agent: { id: ana.userId, name: 'Ana' } },
      to: { team: { id: ventas, name: 'Ventas' }, agent: null },
      by: { type: 'user', user: { id: ana.userId, name: 'Ana' } },
      reason: 'Es una venta',
      at: '2026-01-05T12:10:00.000Z',
    }]);

    // Who can see the conversation can read its transfers; who cannot gets 404, like the conversation itself.
    expect((await http(agentSoporte, 'GET', `/api/v1/conversations/${id}/transfers`)).statusCode).toBe(404);
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', `/api/v1/conversations/${id}/transfers`)).statusCode).toBe(404);
  });

  it('agent to agent is a transfer; taking from the queue, assigning from it and releasing are not', async () => {
    clock.set('2026-01-06T09:00:00Z');
    const id = await start(channelA);
    await assign(owner, id, { assigneeId: ana.userId }); // from the queue: an assignment
    expect(await transfers(owner, id)).toEqual([]);
    clock.set('2026-01-06T09:05:00Z');
    await assign(owner, id, { assigneeId: beto.userId, reason: 'Cambio de turno' });
    await assign(owner, id, { teamId: soporte }); // the same team: nothing moves
    await assign(owner, id, { assigneeId: null }); // released to the queue
    await ok(ana, 'POST', `/api/v1/conversations/${id}/take`); // taken from the queue
    const token = await createApiToken(t, owner);
    clock.set('2026-01-06T09:30:00Z');
    await assign({ headers: { authorization: `Bearer ${token}` } }, id, { assigneeId: beto.userId });

    const list = await transfers(agentSoporte, id);
    expect(list.map((x: any) => [x.from.agent?.name, x.to.agent?.name, x.from.team?.name, x.to.team?.name, x.by.type, x.by.user?.name ?? null, x.reason, x.at])).toEqual([
      ['Ana', 'Beto', 'Soporte', 'Soporte', 'user', 'Owner', 'Cambio de turno', '2026-01-06T09:05:00.000Z'],
      ['Ana', 'Beto', 'Soporte', 'Soporte', 'api', null, null, '2026-01-06T09:30:00.000Z'],
    ]);
    // The timeline keeps every move, transfers or not.
    const timeline = (await ok(owner, 'GET', `/api/v1/conversations/${id}/messages`)).items.filter((m: any) => m.kind === 'activity');
    expect(timeline.map((m: any) => m.meta.action)).toEqual(['assigned', 'assigned', 'assigned', 'assigned', 'taken', 'assigned']);
  });

  it('the report lists the conversations moved in the range, each with its transfers, filtered and paged', async () => {
    const day = (d: number, h = 10) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
    clock.set(day(1));
    const c1 = await start(channelA, 'Luis Gómez');
    const c2 = await start(channelA, 'Ana Ruiz');
    const c3 = await start(channelB, 'Marta Quintero');
    const c4 = await start(channelA, 'Pedro Sin Transferir');
    const c5 = await start(channelA, 'Rosa Díaz');
    await assign(owner, c4, { assigneeId: ana.userId }); // an assignment only: not in the report
    await assign(owner, c2, { assigneeId: ana.userId });
    clock.set(day(2));
    await assign(owner, c1, { teamId: ventas, reason: 'Venta' });
    clock.set(day(2, 12));
    await assign(owner, c5, { teamId: ventas });
    clock.set(day(3));
    await assign(supervisor, c2, { assigneeId: beto.userId, reason: 'Turno' });
    clock.set(day(4));
    await assign(owner, c3, { teamId: soporte });
    clock.set(day(4, 12));
    await assign(owner, c1, { teamId: soporte, assigneeId: beto.userId, reason: 'Vuelve' });
    await ok(owner, 'POST', `/api/v1/conversations/${c2}/close`);

    const report = (s: Who, query: string) => ok(s, 'GET', `/api/v1/reports/transfers?from=${day(1, 0)}&to=${day(5, 0)}${query}`);
    const ids = (page: any) => page.items.map((i: any) => i.conversation.id);

    const all = await report(supervisor, '');
    expect(ids(all)).toEqual([c1, c3, c2, c5]);
    expect(all.nextCursor).toBeNull();
    const first = all.items[0];
    expect(first.conversation).toEqual({
      id: c1, status: 'open',
      contact: { id: expect.any(Number), name: 'Luis Gómez', phone: null },
      channel: { id: channelA.id, type: 'api', name: expect.any(String) },
      team: { id: soporte, name: 'Soporte' }, assignee: { id: beto.userId, name: 'Beto' },
      lastTransferAt: '2026-03-04T12:00:00.000Z',
    });
    expect(first.transfers.map((x: any) => [x.from.team?.name, x.to.team?.name, x.to.agent?.name ?? null, x.reason, x.at])).toEqual([
      ['Soporte', 'Ventas', null, 'Venta', '2026-03-02T10:00:00.000Z'],
      ['Ventas', 'Soporte', 'Beto', 'Vuelve', '2026-03-04T12:00:00.000Z'],
    ]);
    expect(all.items[2].transfers[0]).toMatchObject({ from: { agent: { name: 'Ana' } }, to: { agent: { name: 'Beto' } }, by: { type: 'user', user: { name: 'Sofía' } } });

    // The dates bound the transfers: a conversation shows its moves in the range only.
    const late = await ok(supervisor, 'GET', `/api/v1/reports/transfers?from=${day(3, 0)}`);
    expect(ids(late)).toEqual([c1, c3, c2]);
    const early = await ok(supervisor, 'GET', `/api/v1/reports/transfers?from=${day(1, 0)}&to=${day(3, 0)}`);
    expect(ids(early)).toEqual([c5, c1]);
    expect(early.items[1].transfers.map((x: any) => x.reason)).toEqual(['Venta']);
    expect(ids(await ok(supervisor, 'GET', `/api/v1/reports/transfers?from=${day(3, 0)}&to=${day(4, 0)}`))).toEqual([c2]);

    expect(ids(await report(supervisor, `&teamId=${ventas}`))).toEqual([c1, c3, c5]);
    expect(ids(await report(supervisor, `&assigneeId=${ana.userId}`))).toEqual([c2]);
    expect(ids(await report(supervisor, `&channelId=${channelB.id}`))).toEqual([c3]);
    expect(ids(await report(supervisor, '&status=closed'))).toEqual([c2]);
    expect(ids(await report(supervisor, '&status=open,queued'))).toEqual([c1, c3, c5]);
    expect(ids(await report(supervisor, `&q=${encodeURIComponent('marta quin')}`))).toEqual([c3]);
    expect(ids(await report(supervisor, `&q=${encodeURIComponent('%')}`))).toEqual([]);
    // A supervisor of one team sees what their access level shows them: c5 is in Ventas now.
    expect(ids(await report(supervisorSoporte, ''))).toEqual([c1, c3, c2]);

    // Pages of one: the same rows in the same order, none twice.
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await report(supervisor, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items).toHaveLength(1);
      paged.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual([c1, c3, c2, c5]);
  });

  it('the report runs a constant number of queries whatever the page size', async () => {
    clock.set('2026-04-01T10:00:00Z');
    for (let i = 0; i < 6; i++) {
      const id = await start(i % 2 ? channelA : channelB);
      clock.advance(60_000);
      await assign(owner, id, { teamId: i % 2 ? ventas : soporte, reason: `motivo ${i}` });
      await assign(owner, id, { assigneeId: ana.userId });
      await assign(owner, id, { assigneeId: beto.userId });
    }
    const url = (limit: number) => `/api/v1/reports/transfers?from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z&limit=${limit}&status=queued,open&q=cliente`;
    expect((await ok(supervisor, 'GET', url(100))).items.map((i: any) => i.transfers.length)).toEqual([2, 2, 2, 2, 2, 2]);
    const queriesFor = async (u: string) =>
      (await queriesOf(async () => expect((await http(supervisor, 'GET', u)).statusCode).toBe(200))).length;
    const small = await queriesFor(url(1));
    const large = await queriesFor(url(100));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(3); // the session, the conversations, their transfers
  });

  it('both endpoints are in the OpenAPI document with their filters', async () => {
    const doc = (await t.server.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths).toHaveProperty(['/api/v1/conversations/{id}/transfers']);
    const report = doc.paths['/api/v1/reports/transfers'].get;
    expect(report.parameters.map((p: any) => p.name).sort()).toEqual(['assigneeId', 'channelId', 'cursor', 'from', 'limit', 'q', 'status', 'teamId', 'to']);
  });

  it('agents get 403; another workspace sees none of these transfers', async () => {
    const range = '?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
    const denied = await http(ana, 'GET', `/api/v1/reports/transfers${range}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect((await http(agentSoporte, 'GET', `/api/v1/reports/transfers${range}`)).statusCode).toBe(403);

    const other = await createWorkspace(t);
    const otherTeam = await createTeam(t, other.owner, 'Otra');
    const otherChannel = await createApiChannel(t, other.owner);
    clock.set('2026-03-02T10:00:00Z');
    const theirs = await start(otherChannel);
    await assign(other.owner, theirs, { teamId: otherTeam, reason: 'suyo' });
    const mine = await ok(owner, 'GET', `/api/v1/reports/transfers${range}&limit=100`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((i: any) => i.conversation.id)).not.toContain(theirs);
    const theirReport = await ok(other.owner, 'GET', `/api/v1/reports/transfers${range}&limit=100`);
    expect(theirReport.items.map((i: any) => i.conversation.id)).toEqual([theirs]);
    expect(theirReport.items[0].transfers.map((x: any) => x.reason)).toEqual(['suyo']);
    // Filters naming the other workspace's team find nothing here.
    expect((await ok(owner, 'GET', `/api/v1/reports/transfers${range}&teamId=${otherTeam}`)).items).toEqual([]);
  });
});
