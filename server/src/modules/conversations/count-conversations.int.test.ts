import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { createBot } from '../../../test/bot-fixtures.js';
import { queriesOf } from '../../../test/query-counter.js';

describeEachDriver('conversation counts for the side bar', (driver) => {
  let t: TestApp;
  let owner: Session;
  let admin: Session;
  let agentA: Session;
  let agentAssigned: Session;
  let teamA: number;
  let teamB: number;
  const ch: Record<'A' | 'B' | 'bot' | 'none', ApiChannel> = {} as never;
  const c: Record<string, number> = {};
  let seq = 0;

  const http = (s: Session | Record<string, string>, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: 'headers' in s ? (s as Session).headers : (s as Record<string, string>), ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Session, url: string, payload?: unknown) => {
    const res = await http(s, 'POST', url, payload);
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const start = async (channel: ApiChannel) => {
    const res = await postInbound(t, channel, inboundMessage(`count-${++seq}`, `58424${String(seq).padStart(7, '0')}`, 'Buenas', `Cliente ${seq}`));
    return res.json().conversationId as number;
  };
  const counts = async (s: Session | Record<string, string>) => {
    const res = await http(s, 'GET', '/api/v1/conversations/counts');
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    teamA = await createTeam(t, owner, 'Soporte');
    teamB = await createTeam(t, owner, 'Ventas');
    admin = await createMember(t, owner, { role: 'admin', accessLevel: 'all' });
    agentA = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamA] });
    agentAssigned = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned', teamIds: [teamB] });
    ch.A = await createApiChannel(t, owner, { defaultTeamId: teamA });
    ch.B = await createApiChannel(t, owner, { defaultTeamId: teamB });
    ch.bot = await createApiChannel(t, owner, { botEnabled: true });
    await createBot(t, owner, { kind: 'builtin' }, { channelId: ch.bot.id });
    ch.none = await createApiChannel(t, owner);
    for (const tag of ['vip', 'mora']) await ok(owner, '/api/v1/tags', { name: tag });

    // The seeded inbox (team, status, assignee, tags):
    c.c1 = await start(ch.A); //                          A, queued, —, vip
    await ok(admin, `/api/v1/conversations/${c.c1}/tags`, { add: ['vip'] });
    c.c2 = await start(ch.A); //                          A, open, agentA, vip+mora
    await ok(agentA, `/api/v1/conversations/${c.c2}/take`);
    await ok(admin, `/api/v1/conversations/${c.c2}/tags`, { add: ['vip', 'mora'] });
    c.c3 = await start(ch.A); //                          A, snoozed, —
    await ok(admin, `/api/v1/conversations/${c.c3}/snooze`, { kind: 'until_reply' });
    c.c4 = await start(ch.A); //                          A, closed, —, vip
    await ok(admin, `/api/v1/conversations/${c.c4}/tags`, { add: ['vip'] });
    await ok(admin, `/api/v1/conversations/${c.c4}/close`);
    c.c5 = await start(ch.A); //                          A, open, admin
    await ok(admin, `/api/v1/conversations/${c.c5}/take`);
    c.c6 = await start(ch.B); //                          B, queued, —
    c.c7 = await start(ch.B); //                          B, open, agentAssigned, mora
    await ok(admin, `/api/v1/conversations/${c.c7}/assign`, { assigneeId: agentAssigned.userId });
    await ok(admin, `/api/v1/conversations/${c.c7}/tags`, { add: ['mora'] });
    c.c8 = await start(ch.B); //                          B, snoozed, agentAssigned
    await ok(admin, `/api/v1/conversations/${c.c8}/assign`, { assigneeId: agentAssigned.userId });
    await ok(admin, `/api/v1/conversations/${c.c8}/snooze`, { kind: 'tomorrow' });
    c.c9 = await start(ch.bot); //                        —, bot
    c.c10 = await start(ch.none); //                      —, queued, —, vip
    await ok(admin, `/api/v1/conversations/${c.c10}/tags`, { add: ['vip'] });
    c.c11 = await start(ch.B); //                         B, open, agentA (seen by agentA through the assignment)
    await ok(admin, `/api/v1/conversations/${c.c11}/assign`, { assigneeId: agentA.userId });

    // Mentions: unseen, seen, in a closed conversation, and in conversations the mentioned user cannot see.
    await ok(admin, `/api/v1/conversations/${c.c1}/notes`, { body: '@agentA mira esto', mentions: [agentA.userId] });
    await ok(admin, `/api/v1/conversations/${c.c1}/notes`, { body: '@agentA otra vez', mentions: [agentA.userId] });
    await ok(admin, `/api/v1/conversations/${c.c2}/notes`, { body: '@agentA ya lo viste', mentions: [agentA.userId] });
    await ok(agentA, `/api/v1/conversations/${c.c2}/read`);
    await ok(agentA, `/api/v1/conversations/${c.c2}/notes`, { body: '@admin ayuda', mentions: [admin.userId] });
    await ok(admin, `/api/v1/conversations/${c.c4}/notes`, { body: '@agentA cerrada', mentions: [agentA.userId] });
    await ok(admin, `/api/v1/conversations/${c.c7}/notes`, { body: '@todos', mentions: [agentA.userId, agentAssigned.userId] });
    await ok(admin, `/api/v1/conversations/${c.c6}/notes`, { body: '@agentAssigned', mentions: [agentAssigned.userId] });
    await ok(admin, `/api/v1/conversations/${c.c9}/notes`, { body: 'nota para mí', mentions: [admin.userId] });
  });
  afterAll(() => t.close());

  it('counts an admin\'s whole inbox', async () => {
    expect(await counts(admin)).toEqual({
      mine: 1, // c5
      unassigned: 3, // c1, c6, c10
      mentions: 1, // c2 (agentA mentioned the admin; mentioning yourself does not count)
      bot: 1, // c9
      snoozed: 2, // c3, c8
      all: 7, // c1, c2, c5, c6, c7, c10, c11
      teams: [{ id: teamA, count: 1 }, { id: teamB, count: 1 }], // queued: c1 | c6
      channels: [{ id: ch.A.id, count: 3 }, { id: ch.B.id, count: 3 }, { id: ch.none.id, count: 1 }],
      tags: [{ tag: 'mora', count: 2 }, { tag: 'vip', count: 3 }], // closed c4 is not counted
    });
    // The owner sees the same inbox; only "mine" and "mentions" are personal.
    expect(await counts(owner)).toMatchObject({ mine: 0, mentions: 0, unassigned: 3, all: 7, snoozed: 2, bot: 1 });
  });

  it('counts a team-level agent\'s view: their teams plus what is assigned to them', async () => {
    expect(await counts(agentA)).toEqual({
      mine: 2, // c2, c11
      unassigned: 1, // c1
      mentions: 1, // c1 (twice, one conversation); c2 was read, c4 is closed, c7 is out of view
      bot: 0,
      snoozed: 1, // c3
      all: 4, // c1, c2, c5, c11
      teams: [{ id: teamA, count: 1 }],
      channels: [{ id: ch.A.id, count: 3 }, { id: ch.B.id, count: 1 }],
      tags: [{ tag: 'mora', count: 1 }, { tag: 'vip', count: 2 }],
    });
  });

  it('counts an assigned-only agent\'s view: only their conversations', async () => {
    expect(await counts(agentAssigned)).toEqual({
      mine: 1, // c7
      unassigned: 0,
      mentions: 1, // c7; c6 is not theirs
      bot: 0,
      snoozed: 1, // c8
      all: 1,
      teams: [],
      channels: [{ id: ch.B.id, count: 1 }],
      tags: [{ tag: 'mora', count: 1 }],
    });
  });

  it('agrees with the list under the same filters', async () => {
    for (const s of [admin, agentA, agentAssigned]) {
      const n = await counts(s);
      const list = async (q: string) => (await http(s, 'GET', `/api/v1/conversations?limit=100&${q}`)).json().items.length;
      expect(await list('status=open,queued')).toBe(n.all);
      expect(await list('status=open,queued&assigneeId=me')).toBe(n.mine);
      expect(await list('status=queued&assigneeId=none')).toBe(n.unassigned);
      expect(await list('status=snoozed')).toBe(n.snoozed);
      expect(await list('status=bot')).toBe(n.bot);
      for (const team of n.teams) expect(await list(`status=queued&teamId=${team.id}`)).toBe(team.count);
      for (const channel of n.channels) expect(await list(`status=open,queued&channelId=${channel.id}`)).toBe(channel.count);
      for (const tag of n.tags) expect(await list(`status=open,queued&tag=${tag.tag}`)).toBe(tag.count);
    }
  });

  it('follows changes: reading clears my mentions, a new queued conversation counts at once', async () => {
    await ok(agentA, `/api/v1/conversations/${c.c1}/read`);
    expect(await counts(agentA)).toMatchObject({ mentions: 0, unassigned: 1 });
    await start(ch.A);
    expect(await counts(agentA)).toMatchObject({ unassigned: 2, all: 5, teams: [{ id: teamA, count: 2 }] });
    expect(await counts(agentAssigned)).toMatchObject({ unassigned: 0, all: 1 });
  });

  it('API tokens count the workspace by their role, with nothing "mine"; other workspaces count nothing of it', async () => {
    const token = { authorization: `Bearer ${await createApiToken(t, owner, { role: 'admin' })}` };
    expect(await counts(token)).toMatchObject({ mine: 0, mentions: 0, all: 8, bot: 1 });
    const other = await createWorkspace(t);
    expect(await counts(other.owner)).toEqual({ mine: 0, unassigned: 0, mentions: 0, bot: 0, snoozed: 0, all: 0, teams: [], channels: [], tags: [] });
    expect((await http({}, 'GET', '/api/v1/conversations/counts')).statusCode).toBe(401);
  });

  it('answers in one query besides the session lookup, whoever asks', async () => {
    const queriesFor = async (s: Session) => (await queriesOf(async () => expect((await http(s, 'GET', '/api/v1/conversations/counts')).statusCode).toBe(200))).length;
    for (const s of [admin, agentA, agentAssigned]) expect(await queriesFor(s)).toBe(2);
  });
});
