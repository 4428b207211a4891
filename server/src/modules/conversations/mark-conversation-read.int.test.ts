import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';

describeEachDriver('mentions and marking conversations read', (driver) => {
  let t: TestApp;
  let owner: Session;
  let admin: Session;
  let agentA: Session;
  let agentA2: Session;
  let agentB: Session;
  let channelA: ApiChannel;
  let channelB: ApiChannel;
  let seq = 0;

  const http = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const start = async (channel: ApiChannel, customer = `58416${String(++seq).padStart(7, '0')}`) => {
    const res = await postInbound(t, channel, inboundMessage(`read-${++seq}`, customer, 'Hola, ¿me ayudan?', `Cliente ${seq}`));
    return res.json().conversationId as number;
  };
  const mentionRows = async (conversationId: number) =>
    (await t.ctx.database.executeSql('SELECT user_id, message_id, seen_at FROM conversation_mentions WHERE conversation_id = $1 ORDER BY message_id, user_id', [conversationId])).rows as Array<{ user_id: number; message_id: number; seen_at: Date | null }>;
  const note = (s: Session, id: number, mentions: number[]) => http(s, 'POST', `/api/v1/conversations/${id}/notes`, { body: 'Revisen esto por favor', mentions });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    const teamA = await createTeam(t, owner, 'Soporte');
    const teamB = await createTeam(t, owner, 'Ventas');
    admin = await createMember(t, owner, { role: 'admin', accessLevel: 'all' });
    agentA = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamA] });
    agentA2 = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamA] });
    agentB = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamB] });
    channelA = await createApiChannel(t, owner, { defaultTeamId: teamA });
    channelB = await createApiChannel(t, owner, { defaultTeamId: teamB });
  });
  afterAll(() => t.close());

  it('a note records its mentions in the same transaction, without the author', async () => {
    const id = await start(channelA);
    const res = await note(agentA, id, [agentA2.userId, agentA.userId, admin.userId]);
    expect(res.statusCode).toBe(201);
    expect(await mentionRows(id)).toEqual([
      { user_id: agentA2.userId, message_id: res.json().id, seen_at: null },
      { user_id: admin.userId, message_id: res.json().id, seen_at: null },
    ].sort((a, b) => a.user_id - b.user_id));
    // A refused note writes no mention.
    expect((await note(agentA, id, [agentA2.userId, 999_999])).statusCode).toBe(400);
    expect(await mentionRows(id)).toHaveLength(2);
  });

  it('reading sets the unread count to 0 for everyone, sees only my mentions, and emits conversation.read', async () => {
    const id = await start(channelA, '584169999999');
    await postInbound(t, channelA, inboundMessage(`read-more-${seq}`, '584169999999', '¿Hola?'));
    expect((await http(owner, 'GET', `/api/v1/conversations/${id}`)).json().unreadCount).toBe(2);
    await note(admin, id, [agentA.userId, agentA2.userId]);
    const before = (await eventsOfType(t, owner.workspaceId, 'conversation.read')).length;

    const read = await http(agentA, 'POST', `/api/v1/conversations/${id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id, unreadCount: 0 });
    expect((await http(agentA2, 'GET', `/api/v1/conversations/${id}`)).json().unreadCount).toBe(0);
    const rows = await mentionRows(id);
    expect(rows.find((r) => r.user_id === agentA.userId)!.seen_at).not.toBeNull();
    expect(rows.find((r) => r.user_id === agentA2.userId)!.seen_at).toBeNull();

    const events = await eventsOfType(t, owner.workspaceId, 'conversation.read');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actor_type: 'user', actor_id: agentA.userId,
      payload: { userId: agentA.userId, mentionsSeen: 1, conversation: { id, unreadCount: 0, status: 'queued' } },
    });

    // Nothing left to read: no write, no event. agentA2's mention is still there to be seen.
    expect((await http(agentA, 'POST', `/api/v1/conversations/${id}/read`)).statusCode).toBe(200);
    expect(await eventsOfType(t, owner.workspaceId, 'conversation.read')).toHaveLength(before + 1);
    await http(agentA2, 'POST', `/api/v1/conversations/${id}/read`);
    const last = await eventsOfType(t, owner.workspaceId, 'conversation.read');
    expect(last).toHaveLength(before + 2);
    expect(last.at(-1)!.payload).toMatchObject({ userId: agentA2.userId, mentionsSeen: 1 });
    expect((await mentionRows(id)).every((r) => r.seen_at !== null)).toBe(true);
  });

  it('answers 404 out of my view or workspace, and 400 for a malformed id', async () => {
    const inB = await start(channelB);
    expect((await http(agentA, 'POST', `/api/v1/conversations/${inB}/read`)).statusCode).toBe(404);
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'POST', `/api/v1/conversations/${inB}/read`)).statusCode).toBe(404);
    expect((await http(agentA, 'POST', '/api/v1/conversations/abc/read')).statusCode).toBe(400);
    expect((await http(owner, 'GET', `/api/v1/conversations/${inB}`)).json().unreadCount).toBe(1);
    // The team that sees it may read it.
    expect((await http(agentB, 'POST', `/api/v1/conversations/${inB}/read`)).json()).toMatchObject({ id: inB, unreadCount: 0 });
  });

  it('lists the conversations that mention me, newest activity first, keyset-paged, within my view', async () => {
    const mentioned: number[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await start(channelA);
      await note(admin, id, [agentA2.userId]);
      mentioned.unshift(id);
    }
    await start(channelA); // no mention
    const inB = await start(channelB);
    await note(admin, inB, [agentA2.userId]); // out of agentA2's view
    const otherMention = await start(channelA);
    await note(admin, otherMention, [agentA.userId]);

    const all = (await http(agentA2, 'GET', '/api/v1/conversations?mentioned=me&limit=100')).json().items.map((c: { id: number }) => c.id);
    const earlier = (await t.ctx.database.executeSql('SELECT DISTINCT conversation_id FROM conversation_mentions WHERE user_id = $1', [agentA2.userId])).rows
      .map((r: { conversation_id: number }) => r.conversation_id)
      .filter((id: number) => !mentioned.includes(id) && id !== inB);
    expect(all.slice(0, 4)).toEqual(mentioned);
    expect(all).not.toContain(inB);
    expect(all).not.toContain(otherMention);
    expect(all.sort()).toEqual([...mentioned, ...earlier].sort());

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: number }>; nextCursor: string | null } = (await http(agentA2, 'GET', `/api/v1/conversations?mentioned=me&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.slice(0, 4)).toEqual(mentioned);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.length).toBe(all.length);

    expect((await http(admin, 'GET', '/api/v1/conversations?mentioned=me&limit=100')).json().items.map((c: { id: number }) => c.id)).not.toContain(mentioned[0]);
    const bad = await http(agentA2, 'GET', '/api/v1/conversations?mentioned=you');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.mentioned');
  });
});
