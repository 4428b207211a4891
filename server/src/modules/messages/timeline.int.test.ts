import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';
import { queryRows } from '../../platform/db/db.js';
import { ManualClock } from '../../platform/clock.js';
import { wakeConversation } from '../conversations/wake-conversation.js';

function multipart(filename: string, contentType: string, content: Buffer) {
  const boundary = '----atiende-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDriver('timeline: notes, mentions, deletion, attachments, snooze', (driver) => {
  let t: TestApp;
  let owner: Session;
  let agent: Session;
  let channel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let seq = 0;
  const clock = new ManualClock(new Date('2026-06-01T14:00:00Z'));
  const http = (s: Session, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const newConversation = async () => (await postInbound(t, channel, inboundMessage(`tl-${++seq}`, `58412555${seq}`))).json().conversationId as number;

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned' });
    receiver = await startApiReceiver(() => channel.secret);
    channel = await createApiChannel(t, owner, { outboundUrl: receiver.url });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('a note mentions a teammate: never sent to the customer, addressed to the teammate even outside their view', async () => {
    const id = await newConversation();
    const res = await http(owner, 'POST', `/api/v1/conversations/${id}/notes`, { body: '@Agente revisa esto', mentions: [agent.userId] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'note', direction: null, deliveryStatus: null, meta: { mentions: [agent.userId] } });
    const [e] = await queryRows<{ audience: number[] }>(t.ctx.db, sql`SELECT audience FROM events WHERE type = 'message.created' AND (payload->'message'->>'id')::bigint = ${res.json().id}`);
    expect(e.audience).toEqual([agent.userId]);
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/notes`, { body: 'x', mentions: [999_999] })).statusCode).toBe(400);
    expect(receiver.received.some((r) => r.body.text === '@Agente revisa esto')).toBe(false);
  });

  it('deleting a reply keeps its place in the timeline without its content; only the author or a supervisor may', async () => {
    const id = await newConversation();
    await http(owner, 'POST', `/api/v1/conversations/${id}/assign`, { assigneeId: agent.userId });
    const mine = (await http(agent, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'mensaje equivocado' })).json();
    const ownerNote = (await http(owner, 'POST', `/api/v1/conversations/${id}/notes`, { body: 'nota del dueño' })).json();
    expect((await http(agent, 'DELETE', `/api/v1/messages/${ownerNote.id}`)).statusCode).toBe(403);
    expect((await http(agent, 'DELETE', `/api/v1/messages/${mine.id}`)).statusCode).toBe(200);
    expect((await http(agent, 'DELETE', `/api/v1/messages/${mine.id}`)).statusCode).toBe(404);
    const inbound = (await http(owner, 'GET', `/api/v1/conversations/${id}/messages`)).json().items.find((m: any) => m.direction === 'inbound');
    expect((await http(owner, 'DELETE', `/api/v1/messages/${inbound.id}`)).statusCode).toBe(400);
    const item = (await http(owner, 'GET', `/api/v1/conversations/${id}/messages`)).json().items.find((m: any) => m.id === mine.id);
    expect(item).toMatchObject({ body: '', deletedAt: expect.any(String) });
  });

  it('uploads a file, sends it with a reply through a signed link the receiver can fetch, and refuses oversize files', async () => {
    const id = await newConversation();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    const up = multipart('foto recibo.png', 'image/png', png);
    const uploaded = await t.server.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...owner.headers, ...up.headers }, payload: up.body });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = uploaded.json();
    const sent = (await http(owner, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'Aquí está', attachmentIds: [file.id] })).json();
    expect(sent.attachments).toHaveLength(1);
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'otra vez', attachmentIds: [file.id] })).statusCode).toBe(400);
    const download = await http(owner, 'GET', `/api/v1/attachments/${file.id}`);
    expect(download.rawPayload.equals(png)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', `/api/v1/attachments/${file.id}`)).statusCode).toBe(404);

    for (let i = 0; i < 100 && !receiver.received.some((r) => r.body.id === sent.id); i++) await new Promise((r) => setTimeout(r, 100));
    const link = receiver.received.find((r) => r.body.id === sent.id)!.body.attachments[0].url as string;
    const path = link.slice(link.indexOf('/api/'));
    const fetched = await t.server.app.inject({ method: 'GET', url: path });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.rawPayload.equals(png)).toBe(true);
    expect((await t.server.app.inject({ method: 'GET', url: path.replace(/sig=[^&]+/, 'sig=forged') })).statusCode).toBe(404);

    const big = multipart('big.bin', 'application/octet-stream', Buffer.alloc(t.config.UPLOAD_LIMIT_BYTES + 10));
    const tooBig = await t.server.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...owner.headers, ...big.headers }, payload: big.body });
    expect(tooBig.statusCode).toBe(413);
  });

  it('a timed snooze schedules its wake-up job once, and the wake-up reopens it for its assignee', async () => {
    // Far in the future of the real clock too: pg-boss compares start_after with the database's now(), not the test's
    // clock, and a job already due would be run by the worker while the test wakes the conversation by hand.
    const id = await newConversation();
    await http(owner, 'POST', `/api/v1/conversations/${id}/take`);
    const snoozed = (await http(owner, 'POST', `/api/v1/conversations/${id}/snooze`, { kind: 'until', until: '2099-06-02T09:30:00Z' })).json();
    expect(snoozed.snooze).toEqual({ mode: 'until_time', until: '2099-06-02T09:30:00.000Z' });
    await t.server.dispatcher!.drain();
    await t.server.dispatcher!.drain();
    const jobs = await t.ctx.database.executeSql(`SELECT data, start_after FROM pgboss.job WHERE name = 'conversation.wake' AND (data->>'conversationId')::bigint = $1`, [id]);
    expect(jobs.rows).toHaveLength(1);
    expect(new Date(jobs.rows[0].start_after).toISOString()).toBe('2099-06-02T09:30:00.000Z');
    // A stale wake-up (another time) does nothing; the right one opens it.
    expect(await wakeConversation(t.ctx, { workspaceId: owner.workspaceId, conversationId: id, until: '2099-06-02T10:00:00.000Z' })).toBe(false);
    expect(await wakeConversation(t.ctx, { workspaceId: owner.workspaceId, conversationId: id, until: '2099-06-02T09:30:00.000Z' })).toBe(true);
    expect(await wakeConversation(t.ctx, { workspaceId: owner.workspaceId, conversationId: id, until: '2099-06-02T09:30:00.000Z' })).toBe(false);
    expect((await http(owner, 'GET', `/api/v1/conversations/${id}`)).json()).toMatchObject({ status: 'open', snooze: null, assignee: { id: owner.userId } });
    expect((await http(owner, 'POST', `/api/v1/conversations/${id}/snooze`, { kind: 'until', until: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);
  });
});
