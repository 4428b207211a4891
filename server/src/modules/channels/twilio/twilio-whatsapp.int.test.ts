import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { twilioWhatsAppAdapter } from './twilio-whatsapp.adapter.js';
import { sampleContents, startTwilioFake, type TwilioFake } from '../../../../test/fakes/twilio.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createMember, createWorkspace, type Session } from '../../../../test/fixtures.js';
import { createTwilioWhatsAppChannel, freePort, TWILIO_ACCOUNT, TWILIO_TOKEN, type SmsChannel } from '../../../../test/sms-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { ManualClock } from '../../../platform/clock.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { sendOutboundJob } from '../../messages/send-outbound.job.js';

const HOUR = 3_600_000;
const OUTSIDE_WINDOW = 'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.';

/** WhatsApp through Twilio: Content templates, the 24-hour window (the app's and Twilio's, on one clock) and 63016. */
describeEachDriver('whatsapp through twilio', (driver) => {
  let t: TestApp;
  let owner: Session;
  let agent: Session;
  let fake: TwilioFake;
  let channel: SmsChannel;
  const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Session, payload?: object) => t.server.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const record = async () => (await loadChannelWithSecrets(t.ctx, channel.id))!;
  const opts = () => ({ timeoutMs: 5000, config: t.config });
  const row = async (id: number) =>
    (await queryRows<{ delivery_status: string; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, failure_reason FROM messages WHERE id = ${id}`))[0];
  const many = Array.from({ length: 120 }, (_, i) => ({ friendlyName: `aviso_${String(i).padStart(3, '0')}`, language: 'es', category: 'UTILITY', body: `Aviso ${i}` }));

  /** The customer writes on WhatsApp (delivered, signed, as Twilio would): the conversation it lands in. */
  async function customerWrites(phone: string, text: string, extra: Parameters<TwilioFake['customer']['message']>[2] = {}) {
    const params = fake.customer.message(`whatsapp:${phone}`, text, { name: 'Camila', ...extra });
    const [delivery] = await fake.deliver(channel.webhookUrl, params);
    expect(delivery.status).toBe(200);
    const [m] = await queryRows<{ id: number; conversation_id: number; body: string; meta: any }>(t.ctx.db, sql`SELECT id, conversation_id, body, meta FROM messages WHERE external_id = ${params.MessageSid}`);
    return m;
  }

  beforeAll(async () => {
    const port = await freePort();
    fake = await startTwilioFake({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, now: () => clock.now().getTime() });
    fake.setContents([...sampleContents(), ...many]);
    // No TWILIO_CONTENT_URL: the Content API is asked where TWILIO_API_URL points (the fake serves both).
    t = await createTestApp(driver, { clock, env: { TWILIO_API_URL: fake.base, PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port) } });
    ({ owner } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    channel = await createTwilioWhatsAppChannel(t, owner, `whatsapp:${fake.number}`);
    await t.server.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('is a WhatsApp channel: its sender kept in E.164, its hook /hooks/twilio_whatsapp, a 24-hour window and templates', async () => {
    const dto = (await api('GET', `/api/v1/channels/${channel.id}`, agent)).json();
    expect(dto).toMatchObject({ type: 'twilio_whatsapp', config: { accountSid: TWILIO_ACCOUNT, from: fake.number }, webhookUrl: expect.stringMatching(/\/hooks\/twilio_whatsapp\/\d+$/) });
    expect(dto.capabilities).toMatchObject({ replyWindow: { durationMs: 24 * HOUR }, templates: true, interactive: false });
  });

  it('an admin synchronises the Content templates page by page, with their WhatsApp approval; an agent may not', async () => {
    expect((await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, agent)).statusCode).toBe(403);
    const synced = await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner);
    expect(synced.statusCode).toBe(200);
    expect(synced.json().items).toHaveLength(125);
    expect(fake.contentCalls).toEqual(['/v1/ContentAndApprovals?PageSize=100', expect.stringMatching(/^\/v1\/ContentAndApprovals\?PageSize=100&Page=1&PageToken=PT/)]);

    const items = (await api('GET', `/api/v1/channels/${channel.id}/templates`, agent)).json().items as any[];
    const named = (name: string) => items.find((x) => x.name === name);
    const order = fake.contents.find((c) => c.friendlyName === 'order_update')!;
    expect(named('order_update')).toMatchObject({ language: 'es', status: 'APPROVED', category: 'UTILITY', body: 'Hola {{1}}, tu pedido {{2}} está en camino.', variables: 2, sendable: true });
    expect((await queryRows<{ external_id: string }>(t.ctx.db, sql`SELECT external_id FROM channel_templates WHERE channel_id = ${channel.id} AND name = 'order_update'`))[0].external_id).toBe(order.sid);
    expect(named('cita_confirmar')).toMatchObject({ body: 'Su cita es el {{1}}. ¿La confirma?', variables: 1, sendable: true });
    // A variable in the button's URL: the inbox collects body variables only.
    expect(named('seguimiento')).toMatchObject({ sendable: false, unsupportedReason: 'a button needs a parameter' });
    expect(named('promo_old')).toMatchObject({ status: 'REJECTED', sendable: false });

    // Deleted at Twilio: gone at the next synchronisation.
    fake.setContents(sampleContents());
    expect((await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner)).json().items).toHaveLength(5);
  });

  it('a wrong auth token: the synchronisation answers 502 with Twilio\'s 20003', async () => {
    const patch = (authToken: string) => api('PATCH', `/api/v1/channels/${channel.id}`, owner, { secrets: { authToken } });
    expect((await patch('d4'.repeat(16))).statusCode).toBe(200);
    const res = await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner);
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toMatchObject({ code: 'provider_failed', message: 'The provider did not list the templates: 20003: Authenticate' });
    expect((await patch(TWILIO_TOKEN)).statusCode).toBe(200);
  });

  it('inside 24 hours free text goes out to whatsapp:+…; after, 422 reply_window_closed; a template goes by ContentSid with its variables', async () => {
    const start = clock.now();
    const { conversation_id: conversationId } = await customerWrites('+34600222001', 'Hola, ¿mi pedido?');
    expect((await api('GET', `/api/v1/conversations/${conversationId}`, agent)).json().replyWindowEndsAt).toBe(new Date(start.getTime() + 24 * HOUR).toISOString());

    clock.advance(23 * HOUR);
    const inside = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { body: 'Sale mañana' });
    expect(inside.statusCode).toBe(201);
    await expect.poll(async () => (await row(inside.json().id)).delivery_status, { timeout: 15_000 }).toBe('delivered');
    expect(fake.sent.at(-1)).toMatchObject({ to: 'whatsapp:+34600222001', from: `whatsapp:${fake.number}`, body: 'Sale mañana', statusCallback: channel.webhookUrl });

    clock.advance(HOUR + 1);
    const closed = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { body: '¿Sigue ahí?' });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error).toMatchObject({ code: 'reply_window_closed', message: expect.stringContaining('only message templates can be sent') });
    expect(fake.sent.some((s) => s.body === '¿Sigue ahí?')).toBe(false);

    const bad = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'order_update', language: 'es', variables: ['Camila'] } });
    expect(bad.json().error.details).toEqual([{ field: 'template.variables', message: 'the template takes 2 variables, got 1' }]);
    const order = fake.contents.find((c) => c.friendlyName === 'order_update')!;
    const sent = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'order_update', language: 'es', variables: ['Camila', '4417'] } });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ body: 'Hola Camila, tu pedido 4417 está en camino.', meta: { template: { name: 'order_update', language: 'es', externalId: order.sid } } });
    await expect.poll(async () => (await row(sent.json().id)).delivery_status, { timeout: 15_000 }).toBe('delivered');
    expect(fake.sent.at(-1)).toMatchObject({
      to: 'whatsapp:+34600222001', contentSid: order.sid, contentVariables: { 1: 'Camila', 2: '4417' }, body: 'Hola Camila, tu pedido 4417 está en camino.',
    });
  });

  it('63016: a free-form reply that leaves after the window closed fails for good with Twilio\'s text, sync or by callback', async () => {
    const { conversation_id: conversationId } = await customerWrites('+34600222002', 'Buenas');
    clock.advance(25 * HOUR);
    // A reply queued inside the window and sent after it (its retries ran late): Twilio accepts it, then fails it.
    const [m] = await queryRows<{ id: number }>(t.ctx.db, sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, body, delivery_status)
      VALUES (${owner.workspaceId}, ${conversationId}, ${channel.id}, 'message', 'outbound', 'api', 'Llegó tarde', 'queued') RETURNING id`);
    await sendOutboundJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId: m.id }, { id: 'x', retryCount: 0, retryLimit: 8 });
    await expect.poll(async () => (await row(m.id)).delivery_status, { timeout: 15_000 }).toBe('failed');
    expect((await row(m.id)).failure_reason).toBe(`63016: ${OUTSIDE_WINDOW}`);

    fake.failNext({ status: 400, code: 63016, message: OUTSIDE_WINDOW });
    const err = await twilioWhatsAppAdapter.send(await record(), { messageId: 1, conversationId, contactExternalId: '+34600222002', content: { type: 'text', text: 'otra vez' } }, opts()).catch((e) => e);
    expect(err).toMatchObject({ kind: 'permanent', providerCode: '63016', message: OUTSIDE_WINDOW });
  });

  it('stores a tapped quick-reply button, a shared location and a quoted reply', async () => {
    const first = await customerWrites('+34600222003', 'Quiero cambiar la cita');
    const tap = await customerWrites('+34600222003', 'Sí', { button: { payload: 'CONFIRM_7', text: 'Sí' }, replyTo: 'SM'.padEnd(34, 'a') });
    expect(tap).toMatchObject({ conversation_id: first.conversation_id, body: 'Sí', meta: { interactive: { payload: 'CONFIRM_7', title: 'Sí' }, replyTo: 'SM'.padEnd(34, 'a') } });
    const place = await customerWrites('+34600222003', '', { location: { latitude: 40.4168, longitude: -3.7038, label: 'Oficina', address: 'Puerta del Sol, Madrid' } });
    expect(place.body).toBe('📍 Oficina, Puerta del Sol, Madrid (40.4168, -3.7038)');
    expect(place.meta.location).toEqual({ latitude: 40.4168, longitude: -3.7038, name: 'Oficina', address: 'Puerta del Sol, Madrid' });
  });

  it('sends buttons as numbered text and each file as its own message; refuses templates Twilio would not take', async () => {
    fake.setStatusCallbacks([]);
    await customerWrites('+34600222004', 'Hola');
    const base = await record();
    const send = (content: any) => twilioWhatsAppAdapter.send(base, { messageId: 9, conversationId: 1, contactExternalId: '+34600222004', content }, opts());
    await send({ type: 'interactive', text: '¿Confirma su cita?', buttons: [{ id: 'y', title: 'Sí' }, { id: 'n', title: 'No' }] });
    expect(fake.sent.at(-1)).toMatchObject({ to: 'whatsapp:+34600222004', body: '¿Confirma su cita?\n1. Sí\n2. No' });
    const files = [1, 2].map((i) => ({ url: `http://127.0.0.1:9/files/f${i}.pdf`, filename: `f${i}.pdf`, contentType: 'application/pdf', size: 10 }));
    const { externalId } = await send({ type: 'media', text: 'Sus facturas', attachments: files });
    expect(fake.sent.slice(-2).map((s) => ({ sid: s.sid, body: s.body, media: s.mediaUrls }))).toEqual([
      { sid: externalId, body: 'Sus facturas', media: [files[0].url] },
      { sid: expect.any(String), body: '', media: [files[1].url] },
    ]);

    const order = fake.contents.find((c) => c.friendlyName === 'order_update')!;
    const body = (texts: string[]) => [{ type: 'body', parameters: texts.map((text) => ({ type: 'text', text })) }];
    await expect(send({ type: 'template', name: 'order_update', language: 'es', externalId: order.sid, components: body(['Ana']) })).rejects.toMatchObject({ kind: 'permanent', providerCode: '21656' });
    await expect(send({ type: 'template', name: 'x', language: 'es', externalId: `HX${'0'.repeat(32)}`, components: [] })).rejects.toMatchObject({ kind: 'permanent', providerCode: '21655' });
    await expect(send({ type: 'template', name: 'order_update', language: 'es', components: body(['Ana', '1']) })).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('no Twilio Content SID') });
    fake.setStatusCallbacks(['sent', 'delivered']);
  });
});
