import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { queriesOf } from '../../../test/query-counter.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { can, type Actor } from '../auth/permissions.js';

describeEachDriver('conversations', (driver) => {
  let t: TestApp;
  let owner: Session;
  let teamA: number;
  let teamB: number;
  let channelA: ApiChannel;
  let channelB: ApiChannel;
  let seq = 0;
  const members: Record<string, Session> = {};
  const http = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const newConversation = async (channel: ApiChannel, text = 'Hola') => {
    const res = await postInbound(t, channel, inboundMessage(`conv-${++seq}`, `58414${String(seq).padStart(7, '0')}`, text, `Cliente ${seq}`));
    return res.json().conversationId as number;
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    teamA = await createTeam(t, owner, 'Soporte');
    teamB = await createTeam(t, owner, 'Ventas');
    channelA = await createApiChannel(t, owner, { defaultTeamId: teamA });
    channelB = await createApiChannel(t, owner, { defaultTeamId: teamB });
    for (const [name, role, accessLevel, teamIds] of [
      ['admin', 'admin', 'all', []],
      ['supervisorAll', 'supervisor', 'all', []],
      ['supervisorTeamA', 'supervisor', 'team', [teamA]],
      ['agentAll', 'agent', 'all', []],
      ['agentTeamA', 'agent', 'team', [teamA]],
      ['agentTeamA2', 'agent', 'team', [teamA]],
      ['agentAssigned', 'agent', 'assigned', [teamB]],
    ] as const) {
      members[name] = await createMember(t, owner, { role, accessLevel, teamIds: [...teamIds] });
    }
    members.owner = owner;
  });
  afterAll(() => t.close());

  it('take, return, transfer, snooze, close and reopen move through the status machine and fill the timeline', async () => {
    const id = await newConversation(channelA);
    const agent = members.agentTeamA;
    expect((await http(agent, 'POST', `/api/v1/conversations/${id}/take`)).json()).toMatchObject({ status: 'open', assignee: { id: agent.userId } });
    expect((await http(agent, 'POST', `/api/v1/conversations/${id}/return`)).json()).toMatchObject({ status: 'queued', assignee: null, team: { id: teamA } });
    const moved = await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { teamId: teamB, reason: 'Es una venta' });
    expect(moved.json()).toMatchObject({ status: 'queued', team: { id: teamB }, assignee: null });
    const toAgent = await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId: members.agentAll.userId });
    expect(toAgent.json()).toMatchObject({ status: 'open', assignee: { id: members.agentAll.userId } });
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/snooze`, { kind: 'tomorrow' })).json()).toMatchObject({ status: 'snoozed', snooze: { mode: 'until_time' } });
    await http(owner, 'POST', `/api/v1/conversations/${id}/priority`, { priority: 'high' });
    const closed = await http(owner, 'POST', `/api/v1/conversations/${id}/close`, { summary: 'Pedido registrado' });
    expect(closed.json()).toMatchObject({ status: 'closed', closingNote: { category: null, summary: 'Pedido registrado' }, priority: 'high' });
    expect((await http(agent, 'POST', `/api/v1/conversations/${id}/reopen`)).statusCode).toBe(404); // team B now: not in this agent's view
    const reopened = await http(members.agentAll, 'POST', `/api/v1/conversations/${id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'open', assignee: { id: members.agentAll.userId }, closingNote: null });

    const timeline = (await http(owner, 'GET', `/api/v1/conversations/${id}/messages`)).json().items;
    expect(timeline.filter((m: any) => m.kind === 'activity').map((m: any) => m.meta.action)).toEqual([
      'taken', 'returned', 'transferred', 'assigned', 'snoozed', 'priority_changed', 'closed', 'reopened',
    ]);
    expect(timeline.find((m: any) => m.meta.action === 'transferred').meta).toMatchObject({ from: { teamId: teamA }, to: { teamId: teamB }, reason: 'Es una venta' });
  });

  it('refuses moves the status machine does not allow, with 409 naming both states', async () => {
    const id = await newConversation(channelA);
    const r = await http(owner, 'POST', `/api/v1/conversations/${id}/return`);
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'invalid_transition', details: { from: 'queued', to: 'queued' } });
    await http(owner, 'POST', `/api/v1/conversations/${id}/close`);
    const snooze = await http(owner, 'POST', `/api/v1/conversations/${id}/snooze`, { kind: 'until_reply' });
    expect(snooze.statusCode).toBe(409);
    expect(snooze.json().error.details).toEqual({ from: 'closed', to: 'snoozed' });
    const badBody = await http(owner, 'POST', `/api/v1/conversations/${id}/snooze`, { kind: 'someday' });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().error.code).toBe('validation_failed');
  });

  it('two agents taking at once: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await newConversation(channelA);
      const [a, b] = await Promise.all([
        http(members.agentTeamA, 'POST', `/api/v1/conversations/${id}/take`),
        http(members.agentTeamA2, 'POST', `/api/v1/conversations/${id}/take`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? members.agentTeamA : members.agentTeamA2;
      expect((await http(owner, 'GET', `/api/v1/conversations/${id}`)).json().assignee.id).toBe(winner.userId);
      // A supervisor may take over; an agent may not.
      const loser = winner === members.agentTeamA ? members.agentTeamA2 : members.agentTeamA;
      expect((await http(loser, 'POST', `/api/v1/conversations/${id}/take`)).statusCode).toBe(409);
      if (round === 0) expect((await http(members.supervisorTeamA, 'POST', `/api/v1/conversations/${id}/take`)).statusCode).toBe(200);
    }
  });

  it('permission matrix: each role and access level sees and acts on exactly what can() allows', async () => {
    const inA = await newConversation(channelA);
    const inB = await newConversation(channelB);
    const assignedInB = await newConversation(channelB);
    await http(owner, 'POST', `/api/v1/conversations/${assignedInB}/assign`, { assigneeId: members.agentAssigned.userId });
    const scopes = { inA: { teamId: teamA, assigneeId: null }, inB: { teamId: teamB, assigneeId: null }, assignedInB: { teamId: teamB, assigneeId: members.agentAssigned.userId } };
    const ids = { inA, inB, assignedInB };
    // The literal expectations (the oracle below must agree with them).
    const expected: Record<string, string[]> = {
      owner: ['inA', 'inB', 'assignedInB'],
      admin: ['inA', 'inB', 'assignedInB'],
      supervisorAll: ['inA', 'inB', 'assignedInB'],
      supervisorTeamA: ['inA'],
      agentAll: ['inA', 'inB', 'assignedInB'],
      agentTeamA: ['inA'],
      agentAssigned: ['assignedInB'],
    };
    const access: Record<string, [Actor['role'], Actor['accessLevel'], number[]]> = {
      owner: ['owner', 'all', []], admin: ['admin', 'all', []], supervisorAll: ['supervisor', 'all', []], supervisorTeamA: ['supervisor', 'team', [teamA]],
      agentAll: ['agent', 'all', []], agentTeamA: ['agent', 'team', [teamA]], agentAssigned: ['agent', 'assigned', [teamB]],
    };
    for (const [who, visible] of Object.entries(expected)) {
      const s = members[who];
      const [role, accessLevel, teamIds] = access[who];
      const actor: Actor = { type: 'user', workspaceId: s.workspaceId, userId: s.userId, role, accessLevel, teamIds };
      const list = (await http(s, 'GET', `/api/v1/conversations?limit=100`)).json().items.map((c: any) => c.id);
      for (const [name, id] of Object.entries(ids)) {
        const oracle = can(actor, 'conversation.read', { workspaceId: s.workspaceId, ...scopes[name as keyof typeof scopes] });
        expect(oracle, `${who} can() on ${name}`).toBe(visible.includes(name));
        expect((await http(s, 'GET', `/api/v1/conversations/${id}`)).statusCode, `${who} GET ${name}`).toBe(visible.includes(name) ? 200 : 404);
        expect(list.includes(id), `${who} list ${name}`).toBe(visible.includes(name));
        const note = await http(s, 'POST', `/api/v1/conversations/${id}/notes`, { body: `nota de ${who}` });
        expect(note.statusCode, `${who} note ${name}`).toBe(visible.includes(name) ? 201 : 404);
      }
    }
  });

  it('cross-workspace: another workspace\'s conversations answer 404 and are never listed', async () => {
    const id = await newConversation(channelA);
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', `/api/v1/conversations/${id}`)).statusCode).toBe(404);
    expect((await http(other.owner, 'POST', `/api/v1/conversations/${id}/take`)).statusCode).toBe(404);
    expect((await http(other.owner, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'hola' })).statusCode).toBe(404);
    expect((await http(other.owner, 'GET', `/api/v1/conversations?limit=100`)).json().items).toEqual([]);
    expect((await http(owner, 'GET', `/api/v1/conversations/${id}`)).json().assignee).toBeNull();
  });

  it('filters, searches and pages with a constant number of queries', async () => {
    const marker = `zapato-${Date.now()}`;
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await newConversation(channelB, i === 3 ? `Quiero un ${marker} rojo` : 'Buenas tardes'));
    const search = (await http(owner, 'GET', `/api/v1/conversations?q=${marker}`)).json().items;
    expect(search.map((c: any) => c.id)).toEqual([ids[3]]);
    const byName = (await http(owner, 'GET', `/api/v1/conversations?q=${encodeURIComponent('cliente ' + (seq - 1))}`)).json().items;
    expect(byName.map((c: any) => c.id)).toContain(ids[5]);
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await http(owner, 'GET', `/api/v1/conversations?teamId=${teamB}&status=queued,open&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      pages.push(...page.items.map((c: any) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await http(owner, 'GET', `/api/v1/conversations?teamId=${teamB}&status=queued,open&limit=100`)).json().items.map((c: any) => c.id);
    expect(pages).toEqual(all);
    expect(new Set(pages).size).toBe(pages.length);

    const queriesFor = async (url: string) =>
      (await queriesOf(async () => expect((await http(members.agentTeamA, 'GET', url)).statusCode).toBe(200))).length;
    const small = await queriesFor('/api/v1/conversations?limit=1');
    const large = await queriesFor('/api/v1/conversations?limit=100');
    const filtered = await queriesFor(`/api/v1/conversations?limit=100&status=open,queued&teamId=${teamA}&tag=vip&q=hola&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&priority=high`);
    expect(large).toBe(small);
    expect(filtered).toBe(small);
    expect(small).toBeLessThanOrEqual(2); // the session lookup and the list itself
  });
});
