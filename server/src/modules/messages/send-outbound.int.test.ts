import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';
import { queryRows } from '../../platform/db/db.js';
import { sendOutboundJob } from './send-outbound.job.js';

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describeEachDriver('outbound replies through the API channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let channel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    receiver = await startApiReceiver(() => channel.secret);
    channel = await createApiChannel(t, owner, { outboundUrl: receiver.url });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const conversationWithCustomer = async () => {
    const customer = `5804129${String(++seq).padStart(5, '0')}`;
    const res = await postInbound(t, channel, inboundMessage(`out-in-${seq}`, customer));
    return { conversationId: res.json().conversationId as number, customer };
  };
  const reply = (conversationId: number, body: string) =>
    t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } });
  const message = async (id: number) => (await queryRows<any>(t.ctx.db, sql`SELECT delivery_status, external_id, failure_reason FROM messages WHERE id = ${id}`))[0];

  it('a reply is queued, posted signed to the configured URL, marked sent, then delivered and read by receipts', async () => {
    const { conversationId, customer } = await conversationWithCustomer();
    const res = await reply(conversationId, '¡Hola! ¿En qué podemos ayudarle?');
    expect(res.statusCode).toBe(201);
    const sent = res.json();
    expect(sent).toMatchObject({ direction: 'outbound', deliveryStatus: 'queued' });
    const row = await until(() => message(sent.id), (m) => m.delivery_status === 'sent');
    expect(row.delivery_status).toBe('sent');
    const got = receiver.received.find((r) => r.body.id === sent.id)!;
    expect(got.validSignature).toBe(true);
    expect(got.body).toMatchObject({ type: 'message', conversationId, contact: { externalId: customer }, text: '¡Hola! ¿En qué podemos ayudarle?' });

    // Receipts arrive out of order and twice: status never moves backwards.
    for (const status of ['read', 'delivered', 'read']) {
      const r = await postInbound(t, channel, { type: 'status', externalId: row.external_id, status });
      expect(r.statusCode).toBe(200);
    }
    expect((await message(sent.id)).delivery_status).toBe('read');
    const changes = await queryRows<any>(t.ctx.db, sql`SELECT payload->>'status' AS s FROM events WHERE type = 'message.status_changed' AND (payload->>'messageId')::bigint = ${sent.id} ORDER BY id`);
    expect(changes.map((c) => c.s)).toEqual(['sent', 'read']);
    const conv = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}`, headers: owner.headers })).json();
    expect(conv).toMatchObject({ status: 'open', assignee: { id: owner.userId }, unreadCount: 0 });
    expect(conv.firstReplyAt).not.toBeNull();
  });

  it('a 5xx answer is retried with backoff until it succeeds', async () => {
    const { conversationId } = await conversationWithCustomer();
    receiver.answer({ status: 503 });
    const sent = (await reply(conversationId, 'reintento')).json();
    const row = await until(() => message(sent.id), (m) => m.delivery_status === 'sent', 20_000);
    expect(row.delivery_status).toBe('sent');
    expect(receiver.received.filter((r) => r.body.id === sent.id)).toHaveLength(2);
  });

  it('a 4xx answer is a permanent failure with the receiver\'s reason', async () => {
    const { conversationId } = await conversationWithCustomer();
    receiver.answer({ status: 422, body: { error: 'unknown customer' } });
    const sent = (await reply(conversationId, 'no llegará')).json();
    const row = await until(() => message(sent.id), (m) => m.delivery_status === 'failed');
    expect(row.delivery_status).toBe('failed');
    expect(row.failure_reason).toMatch(/422.*unknown customer/);
    expect(receiver.received.filter((r) => r.body.id === sent.id)).toHaveLength(1);
  });

  it('the last retry of a retryable failure marks the message failed', async () => {
    const { conversationId } = await conversationWithCustomer();
    receiver.answer({ status: 500 }, { status: 500 });
    // The queue would retry; here the job runs directly as its final attempt.
    const [m] = await queryRows<any>(t.ctx.db, sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, body, delivery_status)
      VALUES (${owner.workspaceId}, ${conversationId}, ${channel.id}, 'message', 'outbound', 'api', 'último intento', 'queued') RETURNING id`);
    await sendOutboundJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId: m.id }, { id: 'x', retryCount: 8, retryLimit: 8 });
    expect(await message(m.id)).toMatchObject({ delivery_status: 'failed', failure_reason: '500: Receiver answered 500' });
  });
});
