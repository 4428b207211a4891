import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sampleTemplates, startWhatsAppCloudFake, metaJson, type WhatsAppCloudFake } from '../../../../test/fakes/whatsapp-cloud.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createMember, createWorkspace, type Session } from '../../../../test/fixtures.js';
import { createWhatsAppChannel, WA, wamidOf, type WhatsAppChannel } from '../../../../test/whatsapp-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { ManualClock } from '../../../platform/clock.js';

const HOUR = 3_600_000;

/** Templates (synchronised from Meta) and the 24-hour window, with the injected clock. */
describeEachDriver('whatsapp templates and the 24-hour window', (driver) => {
  let t: TestApp;
  let owner: Session;
  let agent: Session;
  let wa: WhatsAppCloudFake;
  let channel: WhatsAppChannel;
  const clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  const api = (method: 'GET' | 'POST', url: string, who: Session, payload?: object) => t.server.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const manyTemplates = Array.from({ length: 120 }, (_, i) => ({ name: `aviso_${String(i).padStart(3, '0')}`, language: 'es', status: 'APPROVED', category: 'UTILITY', id: `77${i}`, components: [{ type: 'BODY', text: `Aviso ${i}` }] }));

  /** The customer writes (at the clock's time): the conversation it lands in. */
  async function customerWrites(waId: string, text: string): Promise<number> {
    const body = wa.customer.text({ waId, name: 'Camila' }, text);
    const raw = metaJson(body);
    const res = await t.server.app.inject({ method: 'POST', url: `/hooks/whatsapp/${channel.id}`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': wa.sign(raw) }, payload: raw });
    expect(res.statusCode).toBe(200);
    const [row] = await queryRows<{ conversation_id: number }>(t.ctx.db, sql`SELECT conversation_id FROM messages WHERE external_id = ${wamidOf(body)}`);
    return row.conversation_id;
  }

  beforeAll(async () => {
    wa = await startWhatsAppCloudFake({ ...WA, autoStatuses: [] });
    wa.setTemplates([...sampleTemplates(), ...manyTemplates]);
    t = await createTestApp(driver, { clock, env: { META_GRAPH_URL: wa.base } });
    ({ owner } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    channel = await createWhatsAppChannel(t, owner);
  });
  afterAll(async () => {
    await t.close();
    await wa.close();
  });

  it('an admin synchronises the templates (every page); any member lists them; an agent may not synchronise', async () => {
    expect((await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, agent)).statusCode).toBe(403);
    const synced = await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner);
    expect(synced.statusCode).toBe(200);
    expect(synced.json().items).toHaveLength(124);
    expect(wa.calls.filter((c) => c.path.includes('/message_templates')).length).toBe(2);

    const list = await api('GET', `/api/v1/channels/${channel.id}/templates?sendable=true`, agent);
    expect(list.statusCode).toBe(200);
    const order = list.json().items.find((x: any) => x.name === 'order_update' && x.language === 'es');
    expect(order).toMatchObject({ status: 'APPROVED', category: 'UTILITY', body: 'Hola {{1}}, tu pedido {{2}} está en camino.', variables: 2, sendable: true });
    expect(list.json().items.some((x: any) => x.name === 'promo_old')).toBe(false); // rejected: not sendable

    // Templates deleted at Meta disappear at the next sync; a changed one is updated.
    wa.setTemplates(sampleTemplates().map((x) => (x.name === 'reengage' ? { ...x, status: 'PAUSED' } : x)));
    const again = (await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner)).json();
    expect(again.items).toHaveLength(4);
    expect(again.items.find((x: any) => x.name === 'reengage')).toMatchObject({ status: 'PAUSED', sendable: false });
    wa.setTemplates(sampleTemplates());
    await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner);
  });

  it('a provider failure while synchronising (an expired token) answers 502 with Meta\'s reason', async () => {
    const badToken = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${channel.id}`, headers: owner.headers, payload: { secrets: { accessToken: 'EAAexpiredexpiredexpiredexpired', appSecret: WA.appSecret, verifyToken: channel.verifyToken } } });
    expect(badToken.statusCode).toBe(200);
    const res = await api('POST', `/api/v1/channels/${channel.id}/templates/sync`, owner);
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toMatchObject({ code: 'provider_failed', message: expect.stringMatching(/190: Invalid OAuth access token/) });
    await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${channel.id}`, headers: owner.headers, payload: { secrets: { accessToken: WA.accessToken, appSecret: WA.appSecret, verifyToken: channel.verifyToken } } });
  });

  it('inside 24 hours free text goes out; after, 422 reply_window_closed until a template is sent', async () => {
    const start = clock.now();
    const conversationId = await customerWrites('573110000001', 'Hola, ¿mi pedido?');
    const conv = (await api('GET', `/api/v1/conversations/${conversationId}`, agent)).json();
    expect(conv.replyWindowEndsAt).toBe(new Date(start.getTime() + 24 * HOUR).toISOString());
    const channelDto = (await api('GET', `/api/v1/channels/${channel.id}`, agent)).json();
    expect(channelDto.capabilities).toMatchObject({ replyWindow: { durationMs: 24 * HOUR }, templates: true, interactive: true, maxSendsPerSecond: 80 });

    clock.advance(23 * HOUR + 59 * 60_000);
    expect((await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { body: 'Ya casi llega' })).statusCode).toBe(201);

    clock.advance(60_001); // 24 hours and a millisecond since the customer wrote
    const closed = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { body: '¿Sigue ahí?' });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error).toMatchObject({ code: 'reply_window_closed', message: expect.stringContaining('only message templates can be sent') });
    const stored = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE body = '¿Sigue ahí?'`);
    expect(stored[0].n).toBe(0);

    const bad = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'order_update', language: 'es', variables: ['Camila'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'template.variables', message: 'the template takes 2 variables, got 1' }]);
    expect((await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'promo_old', language: 'es', variables: [] } })).json().error.details[0].field).toBe('template.name');
    expect((await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'no_existe', language: 'es', variables: [] } })).statusCode).toBe(400);
    expect((await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { body: 'y texto', template: { name: 'reengage', language: 'es', variables: [] } })).statusCode).toBe(400);

    const sent = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'order_update', language: 'es', variables: ['Camila', '4417'] } });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      body: 'Hola Camila, tu pedido 4417 está en camino.',
      meta: { template: { name: 'order_update', language: 'es', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Camila' }, { type: 'text', text: '4417' }] }] } },
    });
    await expect.poll(() => wa.sends().filter((c) => c.body?.type === 'template').map((c) => c.body!.template), { timeout: 20_000 }).toContainEqual({
      name: 'order_update', language: { code: 'es' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Camila' }, { type: 'text', text: '4417' }] }],
    });

    // A template that failed is retried as the same template, still outside the window.
    wa.failNext({ code: 131026, message: 'Message undeliverable', httpStatus: 400 });
    const failing = await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { template: { name: 'order_update', language: 'es', variables: ['Camila', '4418'] } });
    await expect.poll(async () => (await api('GET', `/api/v1/conversations/${conversationId}/messages?limit=200`, agent)).json().items.find((m: any) => m.id === failing.json().id)?.deliveryStatus, { timeout: 60_000 }).toBe('failed');
    const retried = await api('POST', `/api/v1/messages/${failing.json().id}/retry`, agent);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().meta.template).toEqual(failing.json().meta.template);

    // The customer answers: the window opens again for 24 hours.
    await customerWrites('573110000001', 'Gracias');
    expect((await api('GET', `/api/v1/conversations/${conversationId}`, agent)).json().replyWindowEndsAt).toBe(new Date(clock.now().getTime() + 24 * HOUR).toISOString());
    expect((await api('POST', `/api/v1/conversations/${conversationId}/messages`, agent, { body: 'A usted' })).statusCode).toBe(201);
  });
});
