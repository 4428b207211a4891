import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { SocketClient } from '../../../test/socket-client.js';
import { inTransaction } from '../events/transaction.js';
import type { NewEvent } from '../events/event-types.js';
import { lastEventId } from '../events/events.repo.js';
import { queryRows } from '../db/db.js';
import { sha256 } from '../crypto/secret-box.js';
import { actorForMember } from '../../modules/auth/actor.repo.js';
import { can, type AccessLevel, type Role } from '../../modules/auth/permissions.js';

type Draft = Omit<NewEvent, 'workspaceId' | 'actor'> & { actor?: NewEvent['actor'] };

/** Appends events to the log exactly as a use case does (one transaction). */
async function emitEvents(t: TestApp, workspaceId: number, drafts: Draft[]) {
  await inTransaction(t.ctx, async (_tx, emit) => {
    for (const d of drafts) emit({ actor: { type: 'system' }, ...d, workspaceId });
  });
}

let sentinels = 0;
/** An event everyone sees: once it arrives, everything emitted before it has been filtered for that socket. */
async function sentinel(t: TestApp, workspaceId: number, sockets: SocketClient[]) {
  const n = ++sentinels;
  await emitEvents(t, workspaceId, [{ type: 'test.sentinel', payload: { n } }]);
  await Promise.all(sockets.map((s) => s.waitFor((f) => f.type === 'event' && f.event.type === 'test.sentinel' && f.event.payload.n === n)));
}

async function workspaceEventIds(t: TestApp, workspaceId: number, after = 0): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(t.ctx.db, sql`SELECT id FROM events WHERE workspace_id = ${workspaceId} AND id > ${after} ORDER BY id`);
  return rows.map((r) => Number(r.id));
}

describeEachDriver('realtime hub', (driver) => {
  let t: TestApp;
  let base: string;
  let ws: { workspaceId: number; owner: Session };

  beforeAll(async () => {
    t = await createTestApp(driver);
    base = await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('authentication', () => {
    it('refuses a socket without credentials, with a bad cookie or a bad token (4401)', async () => {
      for (const headers of [{}, { cookie: 'atiende_session=nope' }, { authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
        const s = await SocketClient.open(base, headers);
        expect((await s.closed).code).toBe(4401);
        expect(s.frames).toEqual([]);
      }
    });

    it('accepts the session cookie and an API token', async () => {
      const bySession = await SocketClient.open(base, ws.owner.headers);
      const token = await createApiToken(t, ws.owner);
      const byToken = await SocketClient.open(base, { authorization: `Bearer ${token}` });
      await Promise.all([bySession.subscribe(['workspace']), byToken.subscribe(['workspace'])]);
      await sentinel(t, ws.workspaceId, [bySession, byToken]);
      await Promise.all([bySession.close(), byToken.close()]);
    });
  });

  describe('protocol', () => {
    it('answers ping, and names what is wrong with a bad frame', async () => {
      const agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all' });
      const s = await SocketClient.open(base, agent.headers);
      s.send({ type: 'ping' });
      await s.waitFor((f) => f.type === 'pong');
      s.ws.send('not json');
      s.send({ type: 'subscribe', topics: ['channel:1'] });
      s.send({ type: 'subscribe', topics: [`user:${ws.owner.userId}`] });
      s.send({ type: 'subscribe', topics: ['workspace'], lastEventId: -1 });
      s.send({ type: 'dance' });
      await s.waitFor((f) => f.type === 'error' && f.code === 'validation_failed' && f.message.includes('frame.type'));
      const errors = s.frames.filter((f) => f.type === 'error');
      expect(errors.map((e) => e.code)).toEqual(['bad_request', 'validation_failed', 'forbidden', 'validation_failed', 'validation_failed']);
      expect(errors[1].message).toContain('channel:1');
      expect(errors[3].message).toContain('lastEventId');
      // The refused subscribes subscribed nothing: a later event does not arrive.
      await emitEvents(t, ws.workspaceId, [{ type: 'test.nobody', payload: {} }]);
      await s.subscribe([`user:${agent.userId}`]);
      await emitEvents(t, ws.workspaceId, [{ type: 'conversation.assigned', conversationId: 9, assigneeId: agent.userId }]);
      await s.waitFor((f) => f.type === 'event');
      expect(s.events.map((e) => e.type)).toEqual(['conversation.assigned']);
      await s.close();
    });
  });

  describe('replay, then live', () => {
    it('sends every event after lastEventId exactly once, in order, while events keep coming', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      // More than one replay page (500), so the replay pages while the producer commits.
      await emitEvents(t, workspaceId, Array.from({ length: 1_300 }, (_, i) => ({ type: 'test.before', conversationId: 1 + (i % 7), payload: { i } })));
      const before = await workspaceEventIds(t, workspaceId);
      const from = before[100];

      let producing = true;
      const producer = (async () => {
        let i = 0;
        while (producing || i < 50) {
          await emitEvents(t, workspaceId, [{ type: 'test.during', conversationId: 1 + (i % 7), payload: { i } }, { type: 'test.during', payload: { i } }]);
          i++;
          if (i % 5 === 0) await new Promise((r) => setImmediate(r));
        }
      })();
      const s = await SocketClient.open(base, owner.headers);
      await new Promise((r) => setTimeout(r, 20));
      const ready = await s.subscribe(['workspace'], from);
      producing = false;
      await producer;
      await sentinel(t, workspaceId, [s]);

      const expected = await workspaceEventIds(t, workspaceId, from);
      expect(expected.length).toBeGreaterThan(1_300);
      expect(s.eventIds).toEqual(expected);
      expect(ready.lastEventId).toBeGreaterThanOrEqual(before.at(-1)!);
      // The replay (events only) precedes ready.
      const readyAt = s.frames.findIndex((f) => f.type === 'ready');
      expect(s.frames.slice(0, readyAt).every((f) => f.type === 'event')).toBe(true);
      await s.close();
    });

    it('resumes after a reconnect with the last event id it saw', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const first = await SocketClient.open(base, owner.headers);
      await first.subscribe(['workspace'], 0);
      await emitEvents(t, workspaceId, [{ type: 'test.a' }, { type: 'test.b' }]);
      await sentinel(t, workspaceId, [first]);
      await first.close();
      const last = first.eventIds.at(-1)!;
      await emitEvents(t, workspaceId, [{ type: 'test.while-away' }, { type: 'test.while-away' }]);
      const second = await SocketClient.open(base, owner.headers);
      await second.subscribe(['workspace'], last);
      await sentinel(t, workspaceId, [second]);
      const all = [...first.eventIds, ...second.eventIds];
      expect(all).toEqual(await workspaceEventIds(t, workspaceId));
      expect(second.events.slice(0, 2).map((e) => e.type)).toEqual(['test.while-away', 'test.while-away']);
      await second.close();
    });

    it('without lastEventId streams only what happens from now on', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const watcher = await SocketClient.open(base, owner.headers);
      await watcher.subscribe(['workspace']);
      await emitEvents(t, workspaceId, [{ type: 'test.old' }]);
      await watcher.waitFor((f) => f.type === 'event' && f.event.type === 'test.old'); // the hub is past it
      const s = await SocketClient.open(base, owner.headers);
      await s.subscribe(['workspace']);
      await sentinel(t, workspaceId, [s]);
      expect(s.events.map((e) => e.type)).toEqual(['test.sentinel']);
      await Promise.all([s.close(), watcher.close()]);
    });

    it('tells a client too far behind (or ahead) to refetch instead of replaying', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const start = await lastEventId(t.ctx.db);
      for (let i = 0; i < 5; i++) await emitEvents(t, workspaceId, Array.from({ length: i === 0 ? 2_001 : 2_000 }, () => ({ type: 'test.bulk' })));
      const end = await lastEventId(t.ctx.db);

      const behind = await SocketClient.open(base, owner.headers);
      const ready = await behind.subscribe(['workspace'], start);
      expect(behind.frames[0]).toEqual({ type: 'reset', reason: 'too_far_behind' });
      expect(behind.events).toEqual([]);
      expect(ready.lastEventId).toBeGreaterThanOrEqual(end);
      await sentinel(t, workspaceId, [behind]); // then it streams live
      expect(behind.events.map((e) => e.type)).toEqual(['test.sentinel']);

      // Exactly 10 000 behind is still replayed.
      const all = await workspaceEventIds(t, workspaceId);
      const close = await SocketClient.open(base, owner.headers);
      await close.subscribe(['workspace'], all.at(-10_001));
      expect(close.frames.some((f) => f.type === 'reset')).toBe(false);
      expect(close.eventIds).toEqual(all.slice(-10_000));

      const ahead = await SocketClient.open(base, owner.headers);
      await ahead.subscribe(['workspace'], end + 1_000_000);
      expect(ahead.frames[0]).toEqual({ type: 'reset', reason: 'unknown_event_id' });
      await Promise.all([behind.close(), close.close(), ahead.close()]);
    });
  });

  describe('permissions over the socket', () => {
    const expectations: Array<{ role: Role; level: AccessLevel; sees: [assignedToMe: boolean, myTeamUnassigned: boolean, otherTeam: boolean, otherAgent: boolean]; admin: boolean }> = [
      { role: 'owner', level: 'all', sees: [true, true, true, true], admin: true },
      { role: 'admin', level: 'assigned', sees: [true, true, true, true], admin: true },
      { role: 'supervisor', level: 'all', sees: [true, true, true, true], admin: false },
      { role: 'supervisor', level: 'team', sees: [true, true, false, false], admin: false },
      { role: 'supervisor', level: 'assigned', sees: [true, false, false, false], admin: false },
      { role: 'agent', level: 'all', sees: [true, true, true, true], admin: false },
      { role: 'agent', level: 'team', sees: [true, true, false, false], admin: false },
      { role: 'agent', level: 'assigned', sees: [true, false, false, false], admin: false },
    ];

    it('delivers each conversation event to exactly the members HTTP lets read it', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const mine = await createTeam(t, owner, 'Ventas', [owner.userId]);
      const other = await createTeam(t, owner, 'Soporte');
      const otherAgent = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned', teamIds: [other] });
      const members: Session[] = [owner];
      for (const e of expectations.slice(1)) members.push(await createMember(t, owner, { role: e.role, accessLevel: e.level, teamIds: [mine] }));
      const sockets = await Promise.all(members.map((m) => SocketClient.open(base, m.headers)));
      await Promise.all(sockets.map((s) => s.subscribe(['workspace'])));

      // Shared probes, then per member: assigned to them (in the other team), moved away from them, a mention.
      const shared = { myTeamUnassigned: 1, otherTeam: 2, otherAgent: 3 };
      const assignedTo = (i: number) => 100 + i;
      const movedAway = (i: number) => 200 + i;
      const mentioned = (i: number) => 300 + i;
      await emitEvents(t, workspaceId, [
        { type: 'conversation.updated', conversationId: shared.myTeamUnassigned, teamId: mine },
        { type: 'conversation.updated', conversationId: shared.otherTeam, teamId: other },
        { type: 'conversation.updated', conversationId: shared.otherAgent, assigneeId: otherAgent.userId },
        ...members.flatMap((m, i): Draft[] => [
          { type: 'conversation.assigned', conversationId: assignedTo(i), teamId: other, assigneeId: m.userId },
          { type: 'conversation.assigned', conversationId: movedAway(i), teamId: other, assigneeId: otherAgent.userId, payload: { previous: { teamId: other, assigneeId: m.userId } } },
          { type: 'message.created', conversationId: mentioned(i), teamId: other, assigneeId: otherAgent.userId, audience: [m.userId] },
        ]),
        { type: 'apitoken.created', payload: { tokenId: 1 } },
      ]);
      await sentinel(t, workspaceId, sockets);
      const emitted = await queryRows<{ conversation_id: number | null; team_id: number | null; assignee_id: number | null; payload: Record<string, unknown>; audience: number[] | null; type: string }>(
        t.ctx.db, sql`SELECT conversation_id, team_id, assignee_id, payload, audience, type FROM events WHERE workspace_id = ${workspaceId} AND type IN ('conversation.updated', 'conversation.assigned', 'message.created')`);

      for (const [i, e] of expectations.entries()) {
        const label = `${e.role}/${e.level}`;
        const got = new Set(sockets[i].events.map((ev) => ev.conversationId).filter((c) => c !== null));
        // The literal matrix.
        expect([got.has(assignedTo(i)), got.has(shared.myTeamUnassigned), got.has(shared.otherTeam), got.has(shared.otherAgent)], label).toEqual(e.sees);
        expect(got.has(movedAway(i)), `${label} sees a conversation leave`).toBe(true);
        expect(got.has(mentioned(i)), `${label} sees a mention`).toBe(true);
        expect(sockets[i].events.some((ev) => ev.type === 'apitoken.created'), `${label} admin-only event`).toBe(e.admin);
        // The oracle: for every event without a previous scope or an audience, the socket agrees with HTTP.
        const actor = (await actorForMember(t.ctx.db, workspaceId, members[i].userId))!;
        for (const row of emitted.filter((r) => !r.audience && !r.payload.previous)) {
          const readable = can(actor, 'conversation.read', { workspaceId, teamId: row.team_id, assigneeId: row.assignee_id });
          expect(got.has(Number(row.conversation_id)), `${label} conversation ${row.conversation_id}`).toBe(readable);
        }
      }
      await Promise.all(sockets.map((s) => s.close()));
    });

    it('narrows by topic: a team, a conversation, the own user', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const team = await createTeam(t, owner, 'Cobranzas');
      const agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
      const [byTeam, byConversation, byUser] = await Promise.all([agent, agent, agent].map((m) => SocketClient.open(base, m.headers)));
      await byTeam.subscribe([`team:${team}`]);
      await byConversation.subscribe(['conversation:42']);
      await byUser.subscribe([`user:${agent.userId}`]);
      await emitEvents(t, workspaceId, [
        { type: 'conversation.updated', conversationId: 41, teamId: team },
        { type: 'conversation.updated', conversationId: 42 },
        { type: 'conversation.assigned', conversationId: 43, assigneeId: agent.userId },
        { type: 'message.created', conversationId: 44, audience: [agent.userId] },
        { type: 'conversation.updated', conversationId: 45, assigneeId: owner.userId },
        // On all three topics: once it arrives, everything before it has been filtered.
        { type: 'test.end', conversationId: 42, teamId: team, assigneeId: agent.userId },
      ]);
      await Promise.all([byTeam, byConversation, byUser].map((s) => s.waitFor((f) => f.type === 'event' && f.event.type === 'test.end')));
      const convs = (s: SocketClient) => s.events.filter((e) => e.type !== 'test.end').map((e) => e.conversationId);
      expect(convs(byTeam)).toEqual([41]);
      expect(convs(byConversation)).toEqual([42]);
      expect(convs(byUser)).toEqual([43, 44]);
      await Promise.all([byTeam, byConversation, byUser].map((s) => s.close()));
    });

    it('applies a permission change to the open socket, and disconnects a deactivated member (4403)', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const a = await createTeam(t, owner, 'A');
      const b = await createTeam(t, owner, 'B');
      const agent = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [a] });
      const s = await SocketClient.open(base, agent.headers);
      await s.subscribe(['workspace']);
      await emitEvents(t, workspaceId, [{ type: 'conversation.updated', conversationId: 1, teamId: b }]);
      await sentinel(t, workspaceId, [s]);
      expect(s.events.some((e) => e.conversationId === 1)).toBe(false);

      const put = await t.server.app.inject({ method: 'PUT', url: `/api/v1/teams/${b}/members`, headers: owner.headers, payload: { userIds: [agent.userId] } });
      expect(put.statusCode).toBe(200);
      await emitEvents(t, workspaceId, [{ type: 'conversation.updated', conversationId: 2, teamId: b }]);
      await sentinel(t, workspaceId, [s]);
      expect(s.events.some((e) => e.conversationId === 2)).toBe(true);

      const off = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.userId}`, headers: owner.headers, payload: { active: false } });
      expect(off.statusCode).toBe(200);
      expect((await s.closed).code).toBe(4403);
    });

    it('closes the socket of a revoked API token', async () => {
      const { workspaceId, owner } = await createWorkspace(t);
      const token = await createApiToken(t, owner);
      const [{ id: tokenId }] = await queryRows<{ id: number }>(t.ctx.db, sql`SELECT id FROM api_tokens WHERE token_hash = ${sha256(token)}`);
      const other = await createApiToken(t, owner);
      const s = await SocketClient.open(base, { authorization: `Bearer ${token}` });
      const keep = await SocketClient.open(base, { authorization: `Bearer ${other}` });
      await Promise.all([s.subscribe(['workspace']), keep.subscribe(['workspace'])]);
      await emitEvents(t, workspaceId, [{ type: 'apitoken.revoked', payload: { tokenId: Number(tokenId) } }]);
      expect((await s.closed).code).toBe(4401);
      await sentinel(t, workspaceId, [keep]);
      await keep.close();
    });
  });

  describe('workspace isolation', () => {
    it('never sends an event of workspace B to a socket of workspace A, live or replayed', async () => {
      const A = await createWorkspace(t);
      const B = await createWorkspace(t);
      const start = await lastEventId(t.ctx.db);
      const live = await SocketClient.open(base, A.owner.headers);
      await live.subscribe(['workspace', 'conversation:77', 'team:1', `user:${B.owner.userId}`]);
      await emitEvents(t, B.workspaceId, [
        { type: 'conversation.updated', conversationId: 77, teamId: 1, assigneeId: B.owner.userId },
        { type: 'team.created' },
        { type: 'apitoken.created' },
      ]);
      await sentinel(t, A.workspaceId, [live]);
      const replayed = await SocketClient.open(base, A.owner.headers);
      await replayed.subscribe(['workspace'], start);
      const aIds = new Set(await workspaceEventIds(t, A.workspaceId));
      for (const s of [live, replayed]) {
        expect(s.events.length).toBeGreaterThan(0);
        for (const id of s.eventIds) expect(aIds.has(id)).toBe(true);
      }
      await Promise.all([live.close(), replayed.close()]);
    });
  });
});

describe('realtime hub after a quiet period', () => {
  it('starts a new socket from the newest event, though no socket was there to read the log for', async () => {
    const t = await createTestApp('pglite');
    try {
      const { workspaceId, owner } = await createWorkspace(t);
      await emitEvents(t, workspaceId, [{ type: 'test.unseen' }]);
      const base = await t.server.app.listen({ port: 0, host: '127.0.0.1' });
      const s = await SocketClient.open(base, owner.headers);
      const ready = await s.subscribe(['workspace']);
      expect(ready.lastEventId).toBe(await lastEventId(t.ctx.db));
      await sentinel(t, workspaceId, [s]);
      expect(s.events.map((e) => e.type)).toEqual(['test.sentinel']);
      await s.close();
    } finally {
      await t.close();
    }
  });
});
