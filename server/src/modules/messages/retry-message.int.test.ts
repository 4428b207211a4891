import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

function multipart(filename: string, contentType: string, content: Buffer) {
  const boundary = '----atiende-retry';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDriver('retrying a failed reply', (driver) => {
  let t: TestApp;
  let owner: Session;
  let agentA: Session;
  let agentB: Session;
  let channel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let seq = 0;

  const http = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const timeline = async (conversationId: number) => (await http(owner, 'GET', `/api/v1/conversations/${conversationId}/messages?limit=200`)).json().items as any[];
  const messageIn = async (conversationId: number, id: number) => (await timeline(conversationId)).find((m) => m.id === id);
  const start = async () => (await postInbound(t, channel, inboundMessage(`retry-${++seq}`, `58426${String(seq).padStart(7, '0')}`, 'Necesito el recibo'))).json().conversationId as number;

  /** A reply the receiver refuses for good (422): it ends `failed`. */
  const failedReply = async (conversationId: number, by: Session, payload: object) => {
    receiver.answer({ status: 422, body: { error: 'rechazado' } });
    const sent = await http(by, 'POST', `/api/v1/conversations/${conversationId}/messages`, payload);
    expect(sent.statusCode).toBe(201);
    const m = await until(() => messageIn(conversationId, sent.json().id), (x) => x.deliveryStatus === 'failed');
    expect(m.deliveryStatus).toBe('failed');
    return m;
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    const teamA = await createTeam(t, owner, 'Soporte');
    const teamB = await createTeam(t, owner, 'Ventas');
    agentA = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamA] });
    agentB = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamB] });
    receiver = await startApiReceiver(() => channel.secret);
    channel = await createApiChannel(t, owner, { outboundUrl: receiver.url, defaultTeamId: teamA });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('sends a new queued reply with the same text and files; the failed one stays failed and points to it', async () => {
    const conversationId = await start();
    const upload = multipart('recibo.pdf', 'application/pdf', Buffer.from('%PDF-1.4 recibo'));
    const file = await t.server.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...agentA.headers, ...upload.headers }, payload: upload.body });
    expect(file.statusCode).toBe(201);
    const failed = await failedReply(conversationId, agentA, { body: 'Adjunto su recibo', attachmentIds: [file.json().id] });
    expect(failed.failureReason).toMatch(/422/);

    const retried = await http(agentA, 'POST', `/api/v1/messages/${failed.id}/retry`);
    expect(retried.statusCode).toBe(201);
    const fresh = retried.json();
    expect(fresh).toMatchObject({
      conversationId, kind: 'message', direction: 'outbound', deliveryStatus: 'queued', body: 'Adjunto su recibo',
      sender: { type: 'user', id: agentA.userId }, meta: { retryOf: failed.id },
      attachments: [{ filename: 'recibo.pdf', contentType: 'application/pdf' }],
    });
    expect(fresh.id).toBeGreaterThan(failed.id);
    expect(fresh.attachments[0].id).not.toBe(failed.attachments[0].id);

    const old = await messageIn(conversationId, failed.id);
    expect(old).toMatchObject({ deliveryStatus: 'failed', meta: { retriedBy: fresh.id }, attachments: [{ filename: 'recibo.pdf' }] });
    const updated = await eventsOfType(t, owner.workspaceId, 'message.updated');
    expect(updated.at(-1)!.payload).toMatchObject({ message: { id: failed.id, meta: { retriedBy: fresh.id } }, conversation: { id: conversationId } });
    const created = (await eventsOfType(t, owner.workspaceId, 'message.created')).map((e) => e.payload.message);
    expect(created.at(-1)).toMatchObject({ id: fresh.id, deliveryStatus: 'queued' });

    // The retry goes out through the outbound queue like any reply, files included.
    const sent = await until(() => messageIn(conversationId, fresh.id), (m) => m.deliveryStatus === 'sent');
    expect(sent.deliveryStatus).toBe('sent');
    const got = receiver.received.find((r) => r.body.id === fresh.id)!;
    expect(got.body.text).toBe('Adjunto su recibo');
    expect(got.body.attachments).toEqual([expect.objectContaining({ filename: 'recibo.pdf' })]);
    const download = await http(agentA, 'GET', fresh.attachments[0].url);
    expect(download.body).toBe('%PDF-1.4 recibo');

    const again = await http(agentA, 'POST', `/api/v1/messages/${failed.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ retriedBy: fresh.id });
  });

  it('refuses what is not a failed reply: 409 for a sent one, 400 for notes and customer messages', async () => {
    const conversationId = await start();
    const ok = (await http(agentA, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Listo' })).json();
    const sent = await until(() => messageIn(conversationId, ok.id), (m) => m.deliveryStatus === 'sent');
    const res = await http(agentA, 'POST', `/api/v1/messages/${sent.id}/retry`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual({ deliveryStatus: 'sent' });
    const note = (await http(agentA, 'POST', `/api/v1/conversations/${conversationId}/notes`, { body: 'interna' })).json();
    expect((await http(agentA, 'POST', `/api/v1/messages/${note.id}/retry`)).statusCode).toBe(400);
    const inbound = (await timeline(conversationId)).find((m) => m.direction === 'inbound');
    expect((await http(agentA, 'POST', `/api/v1/messages/${inbound.id}/retry`)).statusCode).toBe(400);
    expect((await http(agentA, 'POST', '/api/v1/messages/0/retry')).statusCode).toBe(400);
    expect((await http(agentA, 'POST', '/api/v1/messages/99999999/retry')).statusCode).toBe(404);
  });

  it('needs the right to reply in the conversation: 404 out of view or workspace, 409 once closed', async () => {
    const conversationId = await start();
    const failed = await failedReply(conversationId, owner, { body: 'No llegó' });
    expect((await http(agentB, 'POST', `/api/v1/messages/${failed.id}/retry`)).statusCode).toBe(404);
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'POST', `/api/v1/messages/${failed.id}/retry`)).statusCode).toBe(404);
    await http(owner, 'POST', `/api/v1/conversations/${conversationId}/close`);
    const closed = await http(owner, 'POST', `/api/v1/messages/${failed.id}/retry`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toMatch(/closed/);
    expect((await messageIn(conversationId, failed.id)).meta.retriedBy).toBeUndefined();
  });

  it('two clicks on Retry at once make one new reply', async () => {
    const conversationId = await start();
    const failed = await failedReply(conversationId, agentA, { body: 'Doble clic' });
    const [a, b] = await Promise.all([
      http(agentA, 'POST', `/api/v1/messages/${failed.id}/retry`),
      http(owner, 'POST', `/api/v1/messages/${failed.id}/retry`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((await timeline(conversationId)).filter((m) => m.body === 'Doble clic')).toHaveLength(2);
  });
});
