import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, sign, type ApiChannel } from '../../../test/channel-fixtures.js';
import { queryRows } from '../../platform/db/db.js';
import { ManualClock } from '../../platform/clock.js';

describeEachDriver('API channel inbound', (driver) => {
  let t: TestApp;
  let owner: Session;
  let channel: ApiChannel;
  let teamId: number;
  const clock = new ManualClock(new Date('2026-05-04T15:00:00Z'));
  const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.ctx.db, q))[0].n;

  beforeAll(async () => {
    t = await createTestApp(driver, { clock, env: { LOG_LEVEL: 'error' } });
    ({ owner } = await createWorkspace(t));
    teamId = await createTeam(t, owner, 'Ventas');
    channel = await createApiChannel(t, owner, { defaultTeamId: teamId });
  });
  afterAll(() => t.close());

  it('stores a signed message with its contact and a queued conversation in the default team', async () => {
    const res = await postInbound(t, channel, inboundMessage('in-1', '5804140000001', 'Hola, quiero información', 'Ana Pérez'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, duplicate: false });
    const list = await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations?contactId=`.replace('?contactId=', ''), headers: owner.headers });
    const conv = list.json().items.find((c: any) => c.id === body.conversationId);
    expect(conv).toMatchObject({ status: 'queued', team: { id: teamId, name: 'Ventas' }, assignee: null, contact: { name: 'Ana Pérez' }, lastMessagePreview: 'Hola, quiero información', unreadCount: 1 });
    const events = await queryRows<{ type: string }>(t.ctx.db, sql`SELECT type FROM events WHERE conversation_id = ${body.conversationId} ORDER BY id`);
    expect(events.map((e) => e.type)).toEqual(['conversation.created', 'message.created']);
  });

  it('a second message of the same customer joins the same conversation', async () => {
    const a = (await postInbound(t, channel, inboundMessage('in-2a', '5804140000002'))).json();
    const b = (await postInbound(t, channel, inboundMessage('in-2b', '5804140000002', 'otra vez'))).json();
    expect(b.conversationId).toBe(a.conversationId);
    expect(await count(sql`SELECT count(*)::int AS n FROM contact_identities WHERE external_id = '5804140000002'`)).toBe(1);
  });

  it('a re-delivered message is stored once and answered as a duplicate', async () => {
    const first = (await postInbound(t, channel, inboundMessage('in-3', '5804140000003'))).json();
    const again = await postInbound(t, channel, inboundMessage('in-3', '5804140000003'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, messageId: first.messageId });
    expect(await count(sql`SELECT count(*)::int AS n FROM messages WHERE external_id = 'in-3'`)).toBe(1);
  });

  it('concurrent re-deliveries and concurrent first messages of a new customer store one message, one contact, one conversation', async () => {
    const same = await Promise.all(Array.from({ length: 20 }, () => postInbound(t, channel, inboundMessage('in-4', '5804140000004'))));
    expect(same.every((r) => r.statusCode === 200)).toBe(true);
    expect(same.filter((r) => !r.json().duplicate)).toHaveLength(1);
    const distinct = await Promise.all(Array.from({ length: 20 }, (_, i) => postInbound(t, channel, inboundMessage(`in-5-${i}`, '5804140000005'))));
    expect(distinct.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(distinct.map((r) => r.json().conversationId)).size).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM messages WHERE external_id LIKE 'in-4' OR external_id LIKE 'in-5-%'`)).toBe(21);
    expect(await count(sql`SELECT count(*)::int AS n FROM contact_identities WHERE external_id IN ('5804140000004', '5804140000005')`)).toBe(2);
    expect(await count(sql`SELECT count(DISTINCT contact_id)::int AS n FROM conversations WHERE channel_id = ${channel.id}`)).toBe(
      await count(sql`SELECT count(*)::int AS n FROM conversations WHERE channel_id = ${channel.id}`),
    );
  });

  it('accepts a batch, with a repeated item answered as a duplicate of the first', async () => {
    const res = await postInbound(t, channel, { events: [inboundMessage('in-6a', '5804140000006'), inboundMessage('in-6b', '5804140000007'), inboundMessage('in-6a', '5804140000006')] });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: any) => r.duplicate)).toEqual([false, false, true]);
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM events`);
    const raw = JSON.stringify(inboundMessage('bad-1', '58041400000099'));
    expect((await postInbound(t, channel, raw, { signature: sign('wrong secret', raw) })).statusCode).toBe(401);
    expect((await postInbound(t, channel, raw, { signature: 'sha256=' })).statusCode).toBe(401);
    const noHeader = await t.server.app.inject({ method: 'POST', url: `/hooks/api/${channel.id}`, headers: { 'content-type': 'application/json' }, payload: raw });
    expect(noHeader.statusCode).toBe(401);
    const malformed = await postInbound(t, channel, '{"type":"message",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/Malformed JSON/);
    const missing = await postInbound(t, channel, { type: 'message', externalId: 'bad-2', contact: {}, text: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/contact\.externalId/);
    const wrongType = await postInbound(t, channel, { type: 'message', externalId: 42, contact: { externalId: 'x' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toMatch(/externalId/);
    const huge = await postInbound(t, channel, inboundMessage('bad-3', '5804140000098', 'x'.repeat(2_000_000)));
    expect(huge.statusCode).toBe(413);
    expect((await postInbound(t, { ...channel, id: 999_999 }, raw)).statusCode).toBe(404);
    const otherType = await t.server.app.inject({ method: 'POST', url: `/hooks/whatsapp/${channel.id}`, headers: { 'content-type': 'application/json' }, payload: raw });
    expect(otherType.statusCode).toBe(404);
    expect(await count(sql`SELECT count(*)::int AS n FROM events`)).toBe(before);
    expect(await count(sql`SELECT count(*)::int AS n FROM messages WHERE external_id LIKE 'bad-%'`)).toBe(0);
  });

  it('a customer message wakes a snoozed conversation and reopens a recently closed one; later it starts a new one', async () => {
    const first = (await postInbound(t, channel, inboundMessage('in-7a', '5804140000010'))).json();
    const id = first.conversationId;
    const act = (path: string, payload?: unknown) => t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/${path}`, headers: owner.headers, payload: payload as any });
    const took = await act('take');
    expect(took.statusCode, took.body).toBe(200);
    expect((await act('snooze', { kind: 'until_reply' })).json().status).toBe('snoozed');
    const woke = (await postInbound(t, channel, inboundMessage('in-7b', '5804140000010'))).json();
    expect(woke.conversationId).toBe(id);
    const afterWake = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: owner.headers })).json();
    expect(afterWake).toMatchObject({ status: 'open', assignee: { id: owner.userId }, snooze: null });

    expect((await act('close', { summary: 'Resuelto' })).json().status).toBe('closed');
    clock.advance(30 * 60_000); // within the default 60-minute reopen window
    const reopened = (await postInbound(t, channel, inboundMessage('in-7c', '5804140000010'))).json();
    expect(reopened.conversationId).toBe(id);
    expect((await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: owner.headers })).json()).toMatchObject({ status: 'queued', assignee: null, closingNote: null }); // released on close (the default)

    const closed = await act('close');
    expect(closed.statusCode, closed.body).toBe(200);
    clock.advance(61 * 60_000);
    const fresh = (await postInbound(t, channel, inboundMessage('in-7d', '5804140000010'))).json();
    expect(fresh.conversationId).not.toBe(id);
    const types = await queryRows<{ type: string }>(t.ctx.db, sql`SELECT type FROM events WHERE conversation_id = ${id} AND type LIKE 'conversation.%' ORDER BY id`);
    expect(types.map((e) => e.type)).toEqual(['conversation.created', 'conversation.taken', 'conversation.snoozed', 'conversation.woken', 'conversation.closed', 'conversation.reopened', 'conversation.closed']);
  });
});
