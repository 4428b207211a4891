import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { whatsappAdapter } from './whatsapp.adapter.js';
import { createWhatsAppChannel, WA, wamidOf, type WhatsAppChannel } from '../../../../test/whatsapp-fixtures.js';
import { hubSignature, metaJson, startWhatsAppCloudFake, type WhatsAppCloudFake } from '../../../../test/fakes/whatsapp-cloud.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';

describeEachDriver('whatsapp channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let wa: WhatsAppCloudFake;
  let channel: WhatsAppChannel;
  let hookUrl: string;
  const opts = () => ({ timeoutMs: 5000, config: t.config });
  const record = async () => (await loadChannelWithSecrets(t.ctx, channel.id))!;
  const customer = { waId: '573001112233', name: 'Lucía Gómez' };
  const rowsOf = (q: ReturnType<typeof sql>) => queryRows<any>(t.ctx.db, q);
  const poll = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean) => {
    let v = await fn();
    for (let i = 0; i < 150 && !ok(v); i++) {
      await new Promise((r) => setTimeout(r, 100));
      v = await fn();
    }
    return v;
  };

  beforeAll(async () => {
    wa = await startWhatsAppCloudFake({ ...WA, statusDelayMs: 250 });
    t = await createTestApp(driver, { env: { META_GRAPH_URL: wa.base } });
    ({ owner } = await createWorkspace(t));
    channel = await createWhatsAppChannel(t, owner);
    await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    hookUrl = `http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}/hooks/whatsapp/${channel.id}`;
  });
  afterAll(async () => {
    await t.close();
    await wa.close();
  });

  it('"test connection" subscribes the app and points this number\'s webhooks here, verified by Meta\'s hub.challenge', async () => {
    await whatsappAdapter.connect!(await record(), { url: hookUrl }, opts());
    expect(wa.subscribed()).toBe(true);
    expect(wa.webhook()).toEqual({ url: hookUrl, verifyToken: channel.verifyToken });

    const stale = { ...(await record()), secrets: { ...(await record()).secrets!, verifyToken: 'not-the-verify-token-0123456789' } };
    wa.setWebhook(null);
    await expect(whatsappAdapter.connect!(stale, { url: hookUrl }, opts())).rejects.toMatchObject({ providerCode: '2200', message: /Callback verification failed/ });
    expect(wa.webhook()).toBeNull();
    await whatsappAdapter.connect!(await record(), { url: hookUrl }, opts());
  });

  it('verifies the signature on the raw bytes Meta sent (\\uXXXX escapes), not on re-serialised JSON', async () => {
    const body = wa.customer.text(customer, '¿Tienen envío a Bogotá? 👍 ¡Gracias!');
    const raw = metaJson(body);
    expect(raw).toContain('\\u00bfTienen env\\u00edo a Bogot\\u00e1? \\ud83d\\udc4d');
    const reserialised = JSON.stringify(JSON.parse(raw));
    const forged = await t.server.app.inject({ method: 'POST', url: `/hooks/whatsapp/${channel.id}`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(WA.appSecret, reserialised) }, payload: raw });
    expect(forged.statusCode).toBe(401);

    expect(await wa.deliver(body)).toEqual([200]);
    expect(await wa.deliver(body)).toEqual([200]); // Meta's retry of the same delivery
    const rows = await rowsOf(sql`SELECT m.body, c.name, c.phone FROM messages m JOIN contacts c ON c.id = m.sender_id WHERE m.external_id = ${wamidOf(body)}`);
    expect(rows).toEqual([{ body: '¿Tienen envío a Bogotá? 👍 ¡Gracias!', name: 'Lucía Gómez', phone: '+573001112233' }]);
  });

  it('a batch of entries and changes stores each message and skips the changes of another number of the business account', async () => {
    const a = wa.customer.text({ waId: '573001110001', name: 'Ana' }, 'lote uno');
    const b = wa.customer.text({ waId: '573001110002', name: 'Beto' }, 'lote dos');
    const other = wa.customer.text({ waId: '573001110003' }, 'de otro número');
    other.entry[0].changes[0].value.metadata.phone_number_id = '999000999000';
    expect(await wa.deliver(wa.customer.batch(a, other, b))).toEqual([200]);
    const stored = await rowsOf(sql`SELECT body FROM messages WHERE channel_id = ${channel.id} AND body LIKE 'lote%' OR body = 'de otro número' ORDER BY id`);
    expect(stored.map((r: any) => r.body)).toEqual(['lote uno', 'lote dos']);
  });

  it('downloads an image through the Graph media endpoint with the bearer token; an expired URL is fetched again', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const mediaId = wa.hostMedia(png, 'image/png', 'comprobante.png');
    const body = wa.customer.image(customer, mediaId, { caption: 'Mi comprobante' });
    expect(await wa.deliver(body)).toEqual([200]);
    const [msg] = await rowsOf(sql`SELECT id, conversation_id FROM messages WHERE external_id = ${wamidOf(body)}`);
    const found = await poll(
      async () => (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${msg.conversation_id}/messages`, headers: owner.headers })).json().items.find((m: any) => m.id === msg.id),
      (m: any) => m?.attachments?.length > 0 || !!m?.meta?.mediaFailures,
    );
    expect(found).toMatchObject({ body: 'Mi comprobante', attachments: [{ filename: `image-${mediaId}.png`, contentType: 'image/png', size: png.length }] });
    const file = await t.server.app.inject({ method: 'GET', url: found.attachments[0].url, headers: owner.headers });
    expect(file.rawPayload.equals(png)).toBe(true);
    expect(wa.calls.some((c) => c.method === 'GET' && c.path.startsWith(`/${t.config.META_GRAPH_VERSION}/${mediaId}?phone_number_id=${WA.phoneNumberId}`))).toBe(true);

    // The download URL lives five minutes: every fetch asks Graph for a fresh one.
    wa.expireDownloads();
    const again = await whatsappAdapter.fetchMedia!(await record(), mediaId, opts());
    const chunks: Buffer[] = [];
    for await (const c of again.stream!) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(png)).toBe(true);

    // An unknown media id is a permanent failure, recorded on the message (not retried for ever).
    const gone = wa.customer.text(customer, 'x');
    const m = gone.entry[0].changes[0].value.messages[0] as any;
    delete m.text;
    Object.assign(m, { type: 'document', document: { id: '4040404040', mime_type: 'application/pdf', sha256: 'x', filename: 'perdido.pdf' } });
    expect(await wa.deliver(gone)).toEqual([200]);
    const [lost] = await rowsOf(sql`SELECT id FROM messages WHERE external_id = ${m.id}`);
    const failed = await poll(async () => (await rowsOf(sql`SELECT meta FROM messages WHERE id = ${lost.id}`))[0].meta, (meta: any) => !!meta.mediaFailures);
    expect(failed.mediaFailures[0].reason).toMatch(/HTTP 400/);
  });

  it('location, shared contacts and button replies arrive as readable messages', async () => {
    const loc = wa.customer.location(customer, { latitude: 4.6097, longitude: -74.0817, name: 'Sede centro' });
    const card = wa.customer.contacts(customer, [{ name: 'Pedro Pérez', phone: '+57 300 765 4321' }]);
    const tap = wa.customer.listReply(customer, { id: 'cita-martes', title: 'Martes 10:00' }, { context: { id: 'wamid.OURLIST' } });
    const legacy = wa.customer.templateButton(customer, { payload: 'SI_CONFIRMO', text: 'Sí, confirmo' }, { context: { id: 'wamid.OURTPL' } });
    expect(await wa.deliver(wa.customer.batch(loc, card, tap, legacy))).toEqual([200]);
    const rows = await rowsOf(sql`SELECT body, meta FROM messages WHERE channel_id = ${channel.id} ORDER BY id DESC LIMIT 4`);
    expect(rows.reverse().map((r: any) => r.body)).toEqual(['📍 Sede centro (4.6097, -74.0817)', '👤 Pedro Pérez · +57 300 765 4321', 'Martes 10:00', 'Sí, confirmo']);
    expect(rows[2].meta).toMatchObject({ interactive: { payload: 'cita-martes', title: 'Martes 10:00' }, replyTo: 'wamid.OURLIST' });
    expect(rows[3].meta.interactive).toEqual({ payload: 'SI_CONFIRMO', title: 'Sí, confirmo' });
  });

  it('a reply is sent, and Meta\'s status webhooks move it to delivered', async () => {
    const inbound = wa.customer.text({ waId: '573004445566', name: 'Marta' }, 'Necesito ayuda');
    await wa.deliver(inbound);
    const [{ conversation_id: conversationId }] = await rowsOf(sql`SELECT conversation_id FROM messages WHERE external_id = ${wamidOf(inbound)}`);
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body: 'Con gusto, Marta' } });
    expect(res.statusCode).toBe(201);
    const row = await poll(async () => (await rowsOf(sql`SELECT delivery_status, external_id FROM messages WHERE id = ${res.json().id}`))[0], (r: any) => r.delivery_status === 'delivered');
    expect(row.delivery_status).toBe('delivered');
    expect(wa.sends().find((c) => c.messageId === row.external_id)?.body).toMatchObject({ to: '573004445566', type: 'text', text: { body: 'Con gusto, Marta' } });
  });

  it('a send Meta accepts but then fails (131047) is marked failed with Meta\'s title and details', async () => {
    const inbound = wa.customer.text({ waId: '573007778899', name: 'Rosa' }, 'Hola');
    await wa.deliver(inbound);
    const [{ conversation_id: conversationId }] = await rowsOf(sql`SELECT conversation_id FROM messages WHERE external_id = ${wamidOf(inbound)}`);
    wa.failNext({ code: 131047, message: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.', async: true });
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body: '¿Sigue ahí?' } });
    const row = await poll(async () => (await rowsOf(sql`SELECT delivery_status, failure_reason FROM messages WHERE id = ${res.json().id}`))[0], (r: any) => r.delivery_status === 'failed');
    expect(row).toEqual({ delivery_status: 'failed', failure_reason: expect.stringMatching(/^131047: Re-engagement message: Message failed to send because more than 24 hours/) });
  });

  it('a long reply goes out in parts; when a later part fails, the retry sends only the rest (each part reaches the customer once)', async () => {
    const inbound = wa.customer.text({ waId: '573004445566', name: 'Iván' }, 'Hola');
    await wa.deliver(inbound);
    const [{ conversation_id: conversationId }] = await rowsOf(sql`SELECT conversation_id FROM messages WHERE external_id = ${wamidOf(inbound)}`);
    const long = [1, 2, 3].map((n) => `Parte ${n}: ${'x'.repeat(4_000)}`).join('\n');
    const before = wa.sends().length;
    wa.failNext({ code: 131000, message: 'Something went wrong', httpStatus: 500 }, 1); // the second part fails once
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body: long } });
    expect(res.statusCode, res.body).toBe(201);
    const row = await poll(async () => (await rowsOf(sql`SELECT delivery_status, external_id, meta FROM messages WHERE id = ${res.json().id}`))[0], (r: any) => r.delivery_status !== 'queued');
    const sends = wa.sends().slice(before);
    // Three parts, none twice: together they are the reply, once.
    expect(sends).toHaveLength(3);
    expect(sends.map((s) => s.body!.text.body).join('').replace(/\s/g, '')).toBe(long.replace(/\s/g, ''));
    expect(row).toMatchObject({ delivery_status: expect.stringMatching(/^(sent|delivered)$/), external_id: sends[0].messageId, meta: { sentParts: sends.map((s) => s.messageId) } });
  });

  it('sends quoted replies, lists for more than three choices, and templates as Graph expects them', async () => {
    const send = async (content: any, replyTo?: string) => whatsappAdapter.send(await record(), { messageId: 1, conversationId: 1, contactExternalId: '573001112233', content, ...(replyTo ? { replyToExternalId: replyTo } : {}) }, opts());
    const quoted = await send({ type: 'text', text: 'Sobre esto:' }, 'wamid.CUSTOMER1');
    expect(wa.sends().at(-1)).toMatchObject({ messageId: quoted.externalId, body: { context: { message_id: 'wamid.CUSTOMER1' }, text: { body: 'Sobre esto:' } } });
    await send({ type: 'interactive', text: 'Elija sede', buttons: ['Norte', 'Sur', 'Centro', 'Chapinero'].map((s) => ({ id: s.toLowerCase(), title: s })) });
    expect(wa.sends().at(-1)!.body!.interactive.action.sections[0].rows.map((r: any) => r.title)).toEqual(['Norte', 'Sur', 'Centro', 'Chapinero']);
    wa.setTemplates([{ name: 'order_update', language: 'es', status: 'APPROVED', components: [{ type: 'BODY', text: 'Hola {{1}}' }] }]);
    await send({ type: 'template', name: 'order_update', language: 'es', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] });
    expect(wa.sends().at(-1)!.body!.template).toEqual({ name: 'order_update', language: { code: 'es' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] });
    const missing = await send({ type: 'template', name: 'nope', language: 'es', components: [] }).catch((e) => e);
    expect(missing).toMatchObject({ kind: 'permanent', providerCode: '100' });
  });

  it('an expired or wrong access token is permanent (190), and 80007 waits as long as Meta\'s usage header says', async () => {
    const bad = { ...(await record()), secrets: { ...(await record()).secrets!, accessToken: 'EAAwrongwrongwrongwrongwrong' } };
    const err = await whatsappAdapter.send(bad, { messageId: 1, conversationId: 1, contactExternalId: '573001112233', content: { type: 'text', text: 'hola' } }, opts()).catch((e) => e);
    expect(err).toMatchObject({ kind: 'permanent', providerCode: '190', message: /Invalid OAuth access token/ });
    wa.failNext({ code: 80007, message: 'Rate limit issues', headers: { 'x-business-use-case-usage': JSON.stringify({ [WA.businessAccountId]: [{ type: 'whatsapp', estimated_time_to_regain_access: 2 }] }) } });
    const limited = await whatsappAdapter.send(await record(), { messageId: 1, conversationId: 1, contactExternalId: '573001112233', content: { type: 'text', text: 'hola' } }, opts()).catch((e) => e);
    expect(limited).toMatchObject({ kind: 'rate_limited', providerCode: '80007', retryAfterMs: 120_000 });
  });
});
