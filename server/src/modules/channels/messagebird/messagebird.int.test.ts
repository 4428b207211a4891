import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { messagebirdAdapter } from './messagebird.adapter.js';
import { startMessageBirdFake, type MessageBirdFake } from '../../../../test/fakes/messagebird.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { createMessageBirdChannel, freePort, MESSAGEBIRD, type SmsChannel } from '../../../../test/sms-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';

describeEachDriver('messagebird channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let fake: MessageBirdFake;
  let channel: SmsChannel;
  let localUrl: string;
  const row = async (id: number) => (await queryRows<{ delivery_status: string; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, failure_reason FROM messages WHERE id = ${id}`))[0];
  const count = async (text: string) => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE body = ${text}`))[0].n;
  /** The customer writes; answers the conversation's id. */
  const customerSays = async (from: string, text: string) => {
    expect(await fake.deliver(channel.webhookUrl, fake.customer.says(from, text))).toEqual([200]);
    return (await queryRows<{ conversation_id: number }>(t.ctx.db, sql`SELECT conversation_id FROM messages WHERE body = ${text}`))[0].conversation_id;
  };
  const reply = async (conversationId: number, body: string) =>
    (await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } })).json().id as number;

  beforeAll(async () => {
    const port = await freePort();
    fake = await startMessageBirdFake(MESSAGEBIRD);
    t = await createTestApp(driver, { env: { MESSAGEBIRD_API_URL: fake.base, PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port) } });
    ({ owner } = await createWorkspace(t));
    channel = await createMessageBirdChannel(t, owner);
    await t.server.app.listen({ port, host: '127.0.0.1' });
    localUrl = `http://localhost:${port}/hooks/messagebird/${channel.id}`;
    fake.setWebhookUrl(channel.webhookUrl); // the channel's webhook, as the admin creates it
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('stores a customer SMS once when MessageBird delivers it twice, the contact by E.164 number', async () => {
    const body = fake.customer.says('+34611222333', 'Buenas, ¿hacen factura?');
    expect(await fake.deliver(channel.webhookUrl, body, { attempts: 2 })).toEqual([200, 200]);
    const rows = await queryRows<{ phone: string; external_id: string }>(t.ctx.db, sql`
      SELECT c.phone, m.external_id FROM messages m JOIN contacts c ON c.id = m.sender_id WHERE m.body = 'Buenas, ¿hacen factura?'`);
    expect(rows).toEqual([{ phone: '+34611222333', external_id: body.message.id }]);
  });

  it('checks url_hash against the public URL: right behind a proxy, refused when signed over the local address', async () => {
    expect(await fake.deliver(channel.webhookUrl, fake.customer.says('+34611222334', 'vía proxy'), { via: localUrl })).toEqual([200]);
    expect(await fake.deliver(localUrl, fake.customer.says('+34611222334', 'firmado en local'))).toEqual([401]);
    expect(await count('firmado en local')).toBe(0);
  });

  it('answers 200 and stores nothing for another channel\'s or platform\'s events', async () => {
    const other = fake.customer.says('+34611222335', 'de otro canal');
    other.message.channelId = 'ffffffffffffffffffffffffffffffff';
    const whatsapp = fake.customer.says('+34611222335', 'de WhatsApp');
    whatsapp.message.platform = 'whatsapp';
    expect(await fake.deliver(channel.webhookUrl, other)).toEqual([200]);
    expect(await fake.deliver(channel.webhookUrl, whatsapp)).toEqual([200]);
    expect((await count('de otro canal')) + (await count('de WhatsApp'))).toBe(0);
  });

  it('sends a reply; the echo of it stores nothing and the status webhooks move it to delivered', async () => {
    fake.setStatuses(['sent', 'delivered']);
    const id = await reply(await customerSays('+34611222336', '¿Me pasan el presupuesto?'), 'Se lo enviamos hoy.');
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 15_000 }).toBe('delivered');
    expect(fake.sent.at(-1)).toMatchObject({ to: '+34611222336', text: 'Se lo enviamos hoy.' });
    await expect.poll(() => fake.webhooks.filter((w) => w.id === fake.sent.at(-1)!.id).map((w) => [w.type, w.status, w.httpStatus])).toEqual([
      ['message.created', 'pending', 200], ['message.updated', 'sent', 200], ['message.updated', 'delivered', 200],
    ]);
    expect(await count('Se lo enviamos hoy.')).toBe(1); // the echo added no second copy
  });

  it('a failed status fails the reply with MessageBird\'s code and description', async () => {
    fake.setStatuses([{ status: 'failed', code: 104, description: 'Unknown subscriber' }]);
    const id = await reply(await customerSays('+34611222337', 'escríbanme aquí'), 'Claro.');
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 15_000 }).toBe('failed');
    expect((await row(id)).failure_reason).toBe('104: Unknown subscriber');
    fake.setStatuses([]);
  });

  it('a wrong access key or an unknown channel id is a permanent error with MessageBird\'s words', async () => {
    const base = (await loadChannelWithSecrets(t.ctx, channel.id))!;
    const msg = { messageId: 7, conversationId: 1, contactExternalId: '+34611222338', content: { type: 'text' as const, text: 'hola' } };
    const opts = { timeoutMs: 5000, config: t.config };
    await expect(messagebirdAdapter.send({ ...base, secrets: { ...base.secrets!, accessKey: 'wrongwrongwrongwrongwrong' } }, msg, opts))
      .rejects.toMatchObject({ kind: 'permanent', providerCode: '2', message: 'Request not allowed (incorrect access_key) (access_key)' });
    await expect(messagebirdAdapter.send({ ...base, config: { channelId: 'e'.repeat(32) } }, msg, opts)).rejects.toMatchObject({ kind: 'permanent', providerCode: '20' });
  });
});
