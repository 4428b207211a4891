import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound, type ApiChannel } from '../../../test/channel-fixtures.js';
import { startApiReceiver } from '../../../test/fakes/api-receiver.js';
import { queryRows, type Db } from '../../platform/db/db.js';
import { ManualClock } from '../../platform/clock.js';
import { advanceDelivery, lockProviderIds } from './messages.repo.js';
import { takeReceipts } from './pending-receipts.repo.js';

describeEachDriver('receipts that overtake the send', (driver) => {
  let t: TestApp;
  let owner: Session;
  let channel: ApiChannel;
  let receiver: Awaited<ReturnType<typeof startApiReceiver>>;
  const clock = new ManualClock(new Date()); // starts at the real time: pg-boss schedules the sends by the database's clock

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner } = await createWorkspace(t));
    receiver = await startApiReceiver(() => channel.secret);
    channel = await createApiChannel(t, owner, { outboundUrl: receiver.url });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const statusOf = async (messageId: number) =>
    (await queryRows<{ delivery_status: string; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, failure_reason FROM messages WHERE id = ${messageId}`))[0];

  async function replyAnsweredWith(externalId: string, customer: string) {
    const conversationId = (await postInbound(t, channel, inboundMessage(`in-${externalId}`, customer, 'Hola'))).json().conversationId;
    receiver.answer({ status: 200, body: { externalId } });
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body: 'Respuesta' } });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  }

  it('a receipt for a message not sent yet waits, and applies once the send records the provider\'s id', async () => {
    // The provider's receipts arrive before its answer to our send (out of order, too).
    for (const status of ['read', 'delivered'] as const) {
      const early = await postInbound(t, channel, { type: 'status', externalId: 'wamid.early-1', status });
      expect(early.json()).toMatchObject({ ok: true, kind: 'status', applied: false });
    }
    const messageId = await replyAnsweredWith('wamid.early-1', '58411000001');
    await expect.poll(() => statusOf(messageId), { timeout: 20_000 }).toMatchObject({ delivery_status: 'read' });
    const waiting = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM pending_receipts WHERE external_id = 'wamid.early-1'`);
    expect(waiting[0].n).toBe(0);
  });

  it('an early failure fails the reply with the provider\'s code and reason', async () => {
    await postInbound(t, channel, { type: 'status', externalId: 'wamid.early-2', status: 'failed', reason: 'Número no válido' });
    const messageId = await replyAnsweredWith('wamid.early-2', '58411000002');
    await expect.poll(() => statusOf(messageId), { timeout: 20_000 }).toMatchObject({ delivery_status: 'failed', failure_reason: 'Número no válido' });
  });

  it('a receipt that comes while the send is recording the provider\'s id waits for that send, then applies', async () => {
    const conversationId = (await postInbound(t, channel, inboundMessage('in-held', '58411000009', 'Hola'))).json().conversationId;
    const [{ id }] = await queryRows<{ id: number }>(t.ctx.db, sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, body, delivery_status)
      VALUES (${owner.workspaceId}, ${conversationId}, ${channel.id}, 'message', 'outbound', 'api', 'Respuesta', 'queued') RETURNING id`);
    let receipt: Promise<unknown> = Promise.resolve();
    // The send's transaction, as recordDelivery runs it, held open after it found no receipt waiting. Before the
    // provider-id lock, the receipt found no message either (the send had not committed) and waited forever.
    await t.ctx.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      await lockProviderIds(db, ['wamid.held']);
      await advanceDelivery(db, { id }, 'sent', { externalId: 'wamid.held' });
      expect(await takeReceipts(db, channel.id, 'wamid.held')).toEqual([]);
      receipt = postInbound(t, channel, { type: 'status', externalId: 'wamid.held', status: 'delivered' });
      await new Promise((r) => setTimeout(r, 300));
    });
    await receipt;
    expect(await statusOf(id)).toMatchObject({ delivery_status: 'delivered' });
    const waiting = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM pending_receipts WHERE external_id = 'wamid.held'`);
    expect(waiting[0].n).toBe(0);
  });

  it('a receipt for a message another app sent is forgotten after a day', async () => {
    await postInbound(t, channel, { type: 'status', externalId: 'wamid.not-ours', status: 'delivered' });
    clock.advance(25 * 60 * 60_000);
    await postInbound(t, channel, { type: 'status', externalId: 'wamid.other', status: 'delivered' });
    const left = await queryRows<{ external_id: string }>(t.ctx.db, sql`SELECT external_id FROM pending_receipts WHERE channel_id = ${channel.id} ORDER BY external_id`);
    expect(left.map((r) => r.external_id)).toEqual(['wamid.other']);
  });
});
