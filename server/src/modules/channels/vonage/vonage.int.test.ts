import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { vonageAdapter } from './vonage.adapter.js';
import { startVonageFake, type VonageFake } from '../../../../test/fakes/vonage.js';
import { sha256Hex, signHs256 } from '../../../../test/fakes/provider-jwt.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { createVonageChannel, freePort, VONAGE_APP, type SmsChannel } from '../../../../test/sms-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';

describeEachDriver('vonage channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let fake: VonageFake;
  let channel: SmsChannel;
  const record = async () => (await loadChannelWithSecrets(t.ctx, channel.id))!;
  const opts = () => ({ timeoutMs: 5000, config: t.config });
  const row = async (id: number) => (await queryRows<{ delivery_status: string; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, failure_reason FROM messages WHERE id = ${id}`))[0];
  const count = async (text: string) => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE body = ${text}`))[0].n;
  const reply = async (conversationId: number, body: string) =>
    (await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } })).json().id as number;
  const post = (raw: string, authorization?: string) =>
    t.server.app.inject({ method: 'POST', url: `/hooks/vonage/${channel.id}`, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, payload: raw });

  beforeAll(async () => {
    const port = await freePort();
    fake = await startVonageFake({ applicationId: VONAGE_APP.applicationId, publicKey: VONAGE_APP.publicKey, signatureSecret: VONAGE_APP.signatureSecret });
    t = await createTestApp(driver, { env: { VONAGE_API_URL: fake.base, PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port) } });
    ({ owner } = await createWorkspace(t));
    channel = await createVonageChannel(t, owner, fake.number);
    await t.server.app.listen({ port, host: '127.0.0.1' });
    fake.setStatusUrl(channel.webhookUrl); // the application's Status URL, as the admin sets it
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('stores an inbound SMS once when Vonage delivers it twice, the contact by E.164 number', async () => {
    const body = fake.customer.inbound('447700900123', 'Hola, ¿abren el domingo?');
    expect(await fake.deliver(channel.webhookUrl, body, { attempts: 2 })).toEqual([200, 200]);
    const rows = await queryRows<{ phone: string; external_id: string }>(t.ctx.db, sql`
      SELECT c.phone, m.external_id FROM messages m JOIN contacts c ON c.id = m.sender_id WHERE m.body = 'Hola, ¿abren el domingo?'`);
    expect(rows).toEqual([{ phone: '+447700900123', external_id: body.message_uuid }]);
  });

  it('refuses a changed body, an unsigned webhook, another secret and another application\'s token (401, nothing stored)', async () => {
    const signed = JSON.stringify(fake.customer.inbound('447700900124', 'original'));
    const changed = signed.replace('original', 'cambiado');
    expect((await post(changed, `Bearer ${fake.sign(signed)}`)).statusCode).toBe(401);
    expect((await post(changed)).statusCode).toBe(401);
    expect((await post(changed, `Bearer ${fake.sign(changed, 'not-the-accounts-secret-000')}`)).statusCode).toBe(401);
    const otherApp = signHs256({ iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), iss: 'Vonage', payload_hash: sha256Hex(changed), application_id: crypto.randomUUID() }, VONAGE_APP.signatureSecret);
    expect((await post(changed, `Bearer ${otherApp}`)).statusCode).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ payload_hash: sha256Hex(changed) })).toString('base64url')}.`;
    expect((await post(changed, `Bearer ${none}`)).statusCode).toBe(401);
    expect(await count('cambiado')).toBe(0);
    expect((await post(changed, `Bearer ${fake.sign(changed)}`)).statusCode).toBe(200);
    expect(await count('cambiado')).toBe(1);
  });

  it('sends a reply as the application; Vonage\'s status webhooks move it to delivered', async () => {
    fake.setStatuses(['submitted', 'delivered']);
    await fake.deliver(channel.webhookUrl, fake.customer.inbound('447700900125', '¿Tienen talla 42?'));
    const [m] = await queryRows<{ conversation_id: number }>(t.ctx.db, sql`SELECT conversation_id FROM messages WHERE body = '¿Tienen talla 42?'`);
    const id = await reply(m.conversation_id, 'Sí, en tienda y en la web.');
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 15_000 }).toBe('delivered');
    expect(fake.sent.at(-1)).toMatchObject({ to: '447700900125', from: fake.number, text: 'Sí, en tienda y en la web.', clientRef: String(id) });
    await expect.poll(() => fake.webhooks.filter((w) => w.uuid === fake.sent.at(-1)!.uuid).map((w) => [w.status, w.httpStatus])).toEqual([['submitted', 200], ['delivered', 200]]);
  });

  it('a rejected status fails the reply with Vonage\'s code and detail', async () => {
    fake.setStatuses(['submitted', { status: 'rejected', code: 1320, detail: 'Message failed because the number is unreachable' }]);
    await fake.deliver(channel.webhookUrl, fake.customer.inbound('447700900126', 'escríbanme'));
    const [m] = await queryRows<{ conversation_id: number }>(t.ctx.db, sql`SELECT conversation_id FROM messages WHERE body = 'escríbanme'`);
    const id = await reply(m.conversation_id, 'Le escribimos.');
    await expect.poll(async () => (await row(id)).delivery_status, { timeout: 15_000 }).toBe('failed');
    expect((await row(id)).failure_reason).toBe('1320: Message failed because the number is unreachable');
    fake.setStatuses([]);
  });

  it('a wrong private key and an invalid number are permanent errors with Vonage\'s words; files and templates are refused', async () => {
    const base = await record();
    const msg = (to: string, content: any) => ({ messageId: 9, conversationId: 1, contactExternalId: to, content });
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = { ...base, secrets: { ...base.secrets!, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } };
    await expect(vonageAdapter.send(stranger, msg('+447700900127', { type: 'text', text: 'hola' }), opts())).rejects.toMatchObject({ kind: 'permanent', providerCode: 'unauthorized', message: 'Unauthorized: You did not provide correct credentials.' });
    await expect(vonageAdapter.send(base, msg('12', { type: 'text', text: 'hola' }), opts())).rejects.toMatchObject({ kind: 'permanent', providerCode: '1150', message: expect.stringContaining('to: must be an E.164 number') });
    await expect(vonageAdapter.send(base, msg('+447700900127', { type: 'media', text: 'x', attachments: [{ url: 'http://x/a.jpg', filename: 'a.jpg', contentType: 'image/jpeg', size: 1 }] }), opts())).rejects.toMatchObject({ kind: 'permanent' });
    await vonageAdapter.send(base, msg('+447700900127', { type: 'interactive', text: '¿Le llamamos?', buttons: [{ id: 'y', title: 'Sí' }, { id: 'n', title: 'Mejor no' }] }), opts());
    expect(fake.sent.at(-1)).toMatchObject({ to: '447700900127', text: '¿Le llamamos?\n1. Sí\n2. Mejor no' });
  });

  it('refuses a private key that is not one, naming the field', async () => {
    const res = await t.server.app.inject({
      method: 'POST', url: '/api/v1/channels', headers: owner.headers,
      payload: { type: 'vonage', name: 'Vonage mal', config: { applicationId: VONAGE_APP.applicationId, from: '447700900000' }, secrets: { privateKey: 'not a key', signatureSecret: VONAGE_APP.signatureSecret } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.secrets.privateKey');
  });
});
