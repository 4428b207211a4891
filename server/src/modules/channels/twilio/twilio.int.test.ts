import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { EMPTY_TWIML, twilioAdapter } from './twilio.adapter.js';
import { startTwilioFake, type TwilioFake } from '../../../../test/fakes/twilio.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { createTwilioChannel, freePort, TWILIO_ACCOUNT, TWILIO_TOKEN, type SmsChannel } from '../../../../test/sms-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';

describeEachDriver('twilio channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let fake: TwilioFake;
  let channel: SmsChannel;
  let localUrl: string;
  const record = async () => (await loadChannelWithSecrets(t.ctx, channel.id))!;
  const opts = () => ({ timeoutMs: 5000, config: t.config });
  const row = async (id: number) =>
    (await queryRows<{ delivery_status: string; external_id: string | null; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, external_id, failure_reason FROM messages WHERE id = ${id}`))[0];
  const reply = async (conversationId: number, body: string) =>
    (await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } })).json().id as number;
  /** The customer writes (delivered as Twilio would); answers the conversation's id. */
  const customerSays = async (from: string, text: string) => {
    await fake.deliver(channel.webhookUrl, fake.customer.message(from, text));
    const [m] = await queryRows<{ conversation_id: number }>(t.ctx.db, sql`SELECT conversation_id FROM messages WHERE channel_id = ${channel.id} AND body = ${text}`);
    return m.conversation_id;
  };

  beforeAll(async () => {
    // The app listens where PUBLIC_URL says, so Twilio's status callbacks (to StatusCallback) reach it.
    const port = await freePort();
    fake = await startTwilioFake({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
    t = await createTestApp(driver, { env: { TWILIO_API_URL: fake.base, PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port) } });
    ({ owner } = await createWorkspace(t));
    channel = await createTwilioChannel(t, owner, fake.number);
    await t.server.app.listen({ port, host: '127.0.0.1' });
    localUrl = `http://localhost:${port}/hooks/twilio/${channel.id}`;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('answers Twilio with empty TwiML and stores an SMS once when Twilio delivers it twice', async () => {
    const text = 'Hola, ¿tienen envío a Málaga? 🚚';
    const deliveries = await fake.deliver(channel.webhookUrl, fake.customer.message('+34600111222', text), { attempts: 2 });
    expect(deliveries).toEqual([1, 2].map(() => ({ status: 200, contentType: expect.stringMatching(/^text\/xml/), body: EMPTY_TWIML })));
    const rows = await queryRows<{ body: string; phone: string }>(t.ctx.db, sql`
      SELECT m.body, c.phone FROM messages m JOIN contacts c ON c.id = m.sender_id WHERE m.channel_id = ${channel.id} AND m.body = ${text}`);
    expect(rows).toEqual([{ body: text, phone: '+34600111222' }]);
  });

  it('checks the signature over the public URL: right behind a proxy, refused when signed over the address the app listens on', async () => {
    const via = await fake.deliver(channel.webhookUrl, fake.customer.message('+34600111223', 'por el proxy'), { via: localUrl });
    expect(via.map((d) => d.status)).toEqual([200]);
    const direct = await fake.deliver(localUrl, fake.customer.message('+34600111223', 'firmado sobre la dirección interna'));
    expect(direct.map((d) => d.status)).toEqual([401]);
    const [n] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE body = 'firmado sobre la dirección interna'`);
    expect(n.n).toBe(0);
  });

  it('names our hook as each reply\'s StatusCallback; Twilio\'s callbacks move it to delivered and a late "sent" changes nothing', async () => {
    fake.setStatusCallbacks(['sent', 'delivered']);
    const id = await reply(await customerSays('+34600111224', '¿Me confirman el pedido?'), 'Confirmado, sale mañana.');
    await expect.poll(() => fake.callbacks.filter((c) => c.httpStatus === 200 && fake.sent.at(-1)?.sid === c.sid).length, { timeout: 15_000 }).toBe(2);
    expect(fake.sent.at(-1)).toMatchObject({ to: '+34600111224', body: 'Confirmado, sale mañana.', statusCallback: channel.webhookUrl });
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 10_000 }).toBe('delivered');
    const late = await fake.deliver(channel.webhookUrl, fake.customer.status(fake.sent.at(-1)!.sid, 'sent'));
    expect(late.map((d) => d.status)).toEqual([200]);
    expect((await row(id)).delivery_status).toBe('delivered');
    const changes = await queryRows<{ s: string }>(t.ctx.db, sql`SELECT payload->>'status' AS s FROM events WHERE type = 'message.status_changed' AND (payload->>'messageId')::bigint = ${id} ORDER BY id`);
    expect(changes.map((c) => c.s)).toEqual(['sent', 'delivered']);
  });

  it('an undelivered callback fails the reply with Twilio\'s error code and what it means', async () => {
    fake.setStatusCallbacks(['sent', { status: 'undelivered', errorCode: 30006 }]);
    const id = await reply(await customerSays('+34600111225', 'llámenme al fijo'), 'Le escribimos por SMS.');
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 15_000 }).toBe('failed');
    expect((await row(id)).failure_reason).toBe('30006: Landline or unreachable carrier');
    fake.setStatusCallbacks(['sent', 'delivered']);
  });

  it('records a STOP on the message (meta.sms.keyword); the next reply fails for good with Twilio\'s 21610', async () => {
    const conversationId = await customerSays('+34600111226', 'STOP');
    const [m] = await queryRows<{ meta: any }>(t.ctx.db, sql`SELECT meta FROM messages WHERE channel_id = ${channel.id} AND body = 'STOP'`);
    expect(m.meta.sms).toEqual({ keyword: 'stop' });
    const id = await reply(conversationId, '¿Seguro que quiere darse de baja?');
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 15_000 }).toBe('failed');
    expect((await row(id)).failure_reason).toBe('21610: Attempt to send to unsubscribed recipient');
  });

  it('downloads each MMS file with Basic auth; with a wrong token the download is a 401 the media job does not retry', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
    const url = fake.addMedia(jpeg, 'image/jpeg');
    const got = await twilioAdapter.fetchMedia!(await record(), url, opts());
    expect(got.contentType).toBe('image/jpeg');
    expect(got.filename).toMatch(/^ME[0-9a-f]{32}\.jpg$/);
    expect(Buffer.concat(await got.stream!.toArray())).toEqual(jpeg);
    const wrong = { ...(await record()), secrets: { authToken: 'd4'.repeat(16) } };
    await expect(twilioAdapter.fetchMedia!(wrong, url, opts())).rejects.toThrow(/HTTP 401/);
  });

  it('sends buttons as numbered text and uses the Messaging Service when set; bad credentials, a bad number and a template are refused for good', async () => {
    fake.setStatusCallbacks([]); // these sends are not in the database: no callbacks left in flight at the end
    const base = await record();
    await twilioAdapter.send(base, { messageId: 1, conversationId: 1, contactExternalId: '+34600111227', content: { type: 'interactive', text: '¿Confirma su cita?', buttons: [{ id: 'y', title: 'Sí' }, { id: 'n', title: 'No' }] } }, opts());
    expect(fake.sent.at(-1)).toMatchObject({ body: '¿Confirma su cita?\n1. Sí\n2. No', from: fake.number });
    const service = { ...base, config: { accountSid: TWILIO_ACCOUNT, messagingServiceSid: `MG${'e5'.repeat(16)}` } };
    await twilioAdapter.send(service, { messageId: 2, conversationId: 1, contactExternalId: '34600111227', content: { type: 'text', text: 'desde el servicio' } }, opts());
    expect(fake.sent.at(-1)).toMatchObject({ to: '+34600111227', messagingServiceSid: `MG${'e5'.repeat(16)}`, from: undefined });
    const wrongToken = { ...base, secrets: { authToken: 'd4'.repeat(16) } };
    await expect(twilioAdapter.send(wrongToken, { messageId: 4, conversationId: 1, contactExternalId: '+34600111227', content: { type: 'text', text: 'x' } }, opts()))
      .rejects.toMatchObject({ kind: 'permanent', providerCode: '20003', message: 'Authenticate' });
    await expect(twilioAdapter.send(base, { messageId: 5, conversationId: 1, contactExternalId: '12', content: { type: 'text', text: 'x' } }, opts()))
      .rejects.toMatchObject({ kind: 'permanent', providerCode: '21211' });
    const tpl = await twilioAdapter.send(base, { messageId: 3, conversationId: 1, contactExternalId: '+34600111227', content: { type: 'template', name: 'x', language: 'es', components: [] } }, opts()).catch((e) => e);
    expect(tpl).toMatchObject({ kind: 'permanent' });
  });

  it('refuses a channel without a From number or Messaging Service, naming the field', async () => {
    const res = await t.server.app.inject({
      method: 'POST', url: '/api/v1/channels', headers: owner.headers,
      payload: { type: 'twilio', name: 'Sin número', config: { accountSid: TWILIO_ACCOUNT }, secrets: { authToken: TWILIO_TOKEN } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.config.from');
  });
});
