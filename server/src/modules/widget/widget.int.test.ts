import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, sentMail, type Session } from '../../../test/fixtures.js';
import {
  agentReplies, clientId, closeConversation, createWebchatChannel, startVisitor, visitorSays, widgetGet, widgetPost, type WebchatChannel,
} from '../../../test/widget-fixtures.js';
import { queryRows } from '../../platform/db/db.js';
import { ManualClock } from '../../platform/clock.js';

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describeEachDriver('widget API', (driver) => {
  let t: TestApp;
  let owner: Session;
  let channel: WebchatChannel;
  // A clock of our own, not far from the real one (pg-boss compares start_after with the database's now()).
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner } = await createWorkspace(t));
    const field = await t.server.app.inject({ method: 'POST', url: '/api/v1/contact-fields', headers: owner.headers, payload: { key: 'ciudad', label: 'Ciudad', type: 'text' } });
    expect(field.statusCode, field.body).toBe(201);
    channel = await createWebchatChannel(t, owner, {
      greeting: '¡Hola! ¿En qué le ayudamos?',
      prechat: { enabled: true, fields: [{ key: 'name', label: 'Nombre', required: true }, { key: 'email', label: 'Correo', type: 'email', required: true }, { key: 'ciudad', label: 'Ciudad' }] },
      campaigns: [
        { id: 'promo', message: '¿Busca lentes?', urlPattern: '*/lentes*', secondsOnPage: 5 },
        { id: 'office', message: 'Estamos en línea', businessHoursOnly: true },
      ],
      businessHours: { timezone: 'America/Caracas', schedule: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '18:00' })) },
    });
  });
  afterAll(() => t?.close());

  it('creates the channel with a public token in its config and an identity secret shown once', async () => {
    expect(channel.publicToken).toMatch(/^wc_/);
    expect(channel.identitySecret.length).toBeGreaterThanOrEqual(32);
    const got = (await t.server.app.inject({ method: 'GET', url: `/api/v1/channels/${channel.id}`, headers: owner.headers })).json();
    expect(JSON.stringify(got)).not.toContain(channel.identitySecret);
    expect(got.config).toMatchObject({ publicToken: channel.publicToken, allowedDomains: [], identityVerification: false, color: '#1c7ed6' });
    const bad = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: owner.headers, payload: { type: 'webchat', name: 'x', config: { allowedDomains: ['https://x.com/a'] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('body.config.allowedDomains.0');
  });

  it('starts a session: an anonymous visitor, the channel\'s look and greeting, campaigns by business hours; resumes it with the kept token', async () => {
    clock.set('2026-03-02T15:00:00Z'); // Monday 11:00 in Caracas: open
    const v = await startVisitor(t, channel);
    expect(v.visitorId).toMatch(/^anon:/);
    expect(v.body.channel).toMatchObject({ name: 'Chat del sitio', greeting: '¡Hola! ¿En qué le ayudamos?', open: true, position: 'right' });
    expect(v.body.channel.campaigns.map((c: { id: string }) => c.id)).toEqual(['promo', 'office']);
    expect(v.body).toMatchObject({ contact: null, prechatNeeded: true });

    const again = await startVisitor(t, channel, { visitorToken: v.visitorToken });
    expect(again.visitorId).toBe(v.visitorId);

    clock.set('2026-03-01T15:00:00Z'); // Sunday: closed, the business-hours campaign is held back
    const sunday = await startVisitor(t, channel);
    expect(sunday.body.channel.open).toBe(false);
    expect(sunday.body.channel.campaigns.map((c: { id: string }) => c.id)).toEqual(['promo']);
    clock.set(new Date());

    const unknown = await t.server.app.inject({ method: 'POST', url: '/api/v1/widget/session', payload: { channel: 'wc_doesnotexist000000000' } });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.server.app.inject({ method: 'POST', url: '/api/v1/widget/session', payload: { channel: 'nope' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('takes the pre-chat form onto the contact (required fields, e-mail, custom field) through the contacts code', async () => {
    const v = await startVisitor(t, channel);
    const missing = await widgetPost(t, v, '/api/v1/widget/prechat', { values: { name: 'Lucía' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('body.values.email');
    const badEmail = await widgetPost(t, v, '/api/v1/widget/prechat', { values: { name: 'Lucía', email: 'no-es-correo' } });
    expect(badEmail.json().error.details[0].field).toBe('body.values.email');
    const unknown = await widgetPost(t, v, '/api/v1/widget/prechat', { values: { name: 'Lucía', email: 'l@x.test', password: 'x' } });
    expect(unknown.json().error.details[0].field).toBe('body.values.password');

    const ok = await widgetPost(t, v, '/api/v1/widget/prechat', { values: { name: 'Lucía Gómez', email: 'Lucia@Ejemplo.TEST', ciudad: 'Maracaibo' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().contact).toEqual({ name: 'Lucía Gómez', email: 'lucia@ejemplo.test', phone: null });
    const [row] = await queryRows<{ id: number; custom_fields: any }>(t.ctx.db, sql`
      SELECT c.id, c.custom_fields FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.channel_id = ${channel.id} AND i.external_id = ${v.visitorId}`);
    expect(row.custom_fields).toEqual({ ciudad: 'Maracaibo' });
    const events = await queryRows<{ type: string }>(t.ctx.db, sql`SELECT type FROM events WHERE type LIKE 'contact.%' AND (payload->'contact'->>'id')::bigint = ${row.id} ORDER BY id`);
    expect(events.map((e) => e.type)).toEqual(['contact.created', 'contact.updated']);
    expect((await startVisitor(t, channel, { visitorToken: v.visitorToken })).body.prechatNeeded).toBe(false);
  });

  it('stores a visitor\'s message once per widget id in a conversation agents see; lists it with the agent\'s reply, never a note', async () => {
    const v = await startVisitor(t, channel);
    const id = clientId();
    const first = await widgetPost(t, v, '/api/v1/widget/messages', { id, text: 'Hola, ¿tienen lentes de contacto?', pageUrl: 'https://optica.test/lentes' });
    const retry = await widgetPost(t, v, '/api/v1/widget/messages', { id, text: 'Hola, ¿tienen lentes de contacto?' });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json().id).toBe(first.json().id);
    const { conversationId } = first.json();
    const conv = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}`, headers: owner.headers })).json();
    expect(conv).toMatchObject({ status: 'queued', lastMessagePreview: 'Hola, ¿tienen lentes de contacto?' });
    const [stored] = await queryRows<{ meta: any }>(t.ctx.db, sql`SELECT meta FROM messages WHERE id = ${first.json().id}`);
    expect(stored.meta.pageUrl).toBe('https://optica.test/lentes');

    await agentReplies(t, owner, conversationId, 'Sí, tenemos varias marcas.');
    const note = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/notes`, headers: owner.headers, payload: { body: 'NOTA PRIVADA: cliente difícil' } });
    expect(note.statusCode).toBe(201);
    const list = (await widgetGet(t, v, '/api/v1/widget/messages')).json();
    expect(list.messages.map((m: any) => [m.from, m.body])).toEqual([['agent', 'Sí, tenemos varias marcas.'], ['visitor', 'Hola, ¿tienen lentes de contacto?']]);
    expect(list.messages[0].agent).toEqual({ name: 'Owner', avatarUrl: null });
    expect(list.conversations).toEqual([expect.objectContaining({ id: conversationId, status: 'open', rating: null })]);
    expect(JSON.stringify(list)).not.toContain('NOTA PRIVADA');

    const empty = await widgetPost(t, v, '/api/v1/widget/messages', { id: clientId(), text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect((await t.server.app.inject({ method: 'GET', url: '/api/v1/widget/messages' })).statusCode).toBe(401);
  });

  it('uploads a visitor\'s file and sends it; a file another visitor uploaded cannot be attached', async () => {
    const v = await startVisitor(t, channel);
    const other = await startVisitor(t, channel);
    const boundary = 'widgetboundary';
    const multipart = (name: string, text: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
    const upload = (who: typeof v) =>
      t.server.app.inject({ method: 'POST', url: '/api/v1/widget/attachments', headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart('receta.txt', 'OD -2.00 OI -1.75') });
    const up = await upload(v);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ filename: 'receta.txt', size: 17 });

    const stolen = await widgetPost(t, other, '/api/v1/widget/messages', { id: clientId(), text: 'mío', attachments: [{ id: file.id, ref: file.ref }] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.details[0].field).toBe('body.attachments.0.ref');

    const sent = await widgetPost(t, v, '/api/v1/widget/messages', { id: clientId(), text: '', attachments: [{ id: file.id, ref: file.ref }] });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().attachments).toEqual([expect.objectContaining({ id: file.id, filename: 'receta.txt' })]);
    const download = await t.server.app.inject({ method: 'GET', url: new URL(sent.json().attachments[0].url).pathname + new URL(sent.json().attachments[0].url).search });
    expect(download.body).toBe('OD -2.00 OI -1.75');
    const agentView = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${sent.json().conversationId}/messages`, headers: owner.headers })).json();
    expect(agentView.items.find((m: any) => m.id === sent.json().id).attachments).toEqual([expect.objectContaining({ filename: 'receta.txt' })]);
  });

  it('marks the agent\'s replies read when the widget showed them', async () => {
    const v = await startVisitor(t, channel);
    const { conversationId } = await visitorSays(t, v, 'Quiero una cita');
    const reply = await agentReplies(t, owner, conversationId, 'Con gusto, ¿qué día?');
    expect((await widgetPost(t, v, '/api/v1/widget/read', { upToMessageId: reply.id })).statusCode).toBe(200);
    const [row] = await queryRows<{ delivery_status: string }>(t.ctx.db, sql`SELECT delivery_status FROM messages WHERE id = ${reply.id}`);
    expect(row.delivery_status).toBe('read');
  });

  it('rates a conversation 1–5 once it is closed (a second rating replaces the first), with conversation.rated', async () => {
    const v = await startVisitor(t, channel);
    const other = await startVisitor(t, channel);
    const { conversationId } = await visitorSays(t, v, 'Gracias por todo');
    const early = await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/rating`, { score: 5 });
    expect(early.statusCode).toBe(409);
    await agentReplies(t, owner, conversationId, 'A la orden');
    await closeConversation(t, owner, conversationId);
    expect((await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/rating`, { score: 6 })).statusCode).toBe(400);
    expect((await widgetPost(t, other, `/api/v1/widget/conversations/${conversationId}/rating`, { score: 1 })).statusCode).toBe(404);

    const rated = await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/rating`, { score: 3, comment: 'Regular' });
    expect(rated.json()).toEqual({ conversationId, score: 3, comment: 'Regular' });
    await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/rating`, { score: 4, comment: ' Muy bien ' });
    const rows = await queryRows<{ score: number; comment: string; assignee_id: number }>(t.ctx.db, sql`SELECT score, comment, assignee_id FROM conversation_ratings WHERE conversation_id = ${conversationId}`);
    expect(rows).toEqual([{ score: 4, comment: 'Muy bien', assignee_id: owner.userId }]);
    const events = await queryRows<{ payload: any }>(t.ctx.db, sql`SELECT payload FROM events WHERE type = 'conversation.rated' AND conversation_id = ${conversationId} ORDER BY id`);
    expect(events.map((e) => e.payload.rating)).toEqual([{ score: 3, comment: 'Regular' }, { score: 4, comment: 'Muy bien' }]);
    const list = (await widgetGet(t, v, '/api/v1/widget/messages')).json();
    expect(list.conversations[0]).toMatchObject({ id: conversationId, status: 'closed', rating: { score: 4, comment: 'Muy bien' } });
  });

  it('mails the transcript of a closed conversation to the visitor (the address they give is kept), without notes', async () => {
    const mails = sentMail(t);
    const v = await startVisitor(t, channel);
    const { conversationId } = await visitorSays(t, v, 'Necesito la factura');
    await agentReplies(t, owner, conversationId, 'Se la enviamos hoy.');
    await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/notes`, headers: owner.headers, payload: { body: 'NOTA: revisar pago' } });
    expect((await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/transcript`, {})).statusCode).toBe(409);
    await closeConversation(t, owner, conversationId);
    const noEmail = await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/transcript`, {});
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().error.details[0].field).toBe('body.email');
    const ok = await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/transcript`, { email: 'visitante@ejemplo.test' });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toEqual({ to: 'visitante@ejemplo.test' });
    const mail = await until(async () => mails.find((m) => m.to === 'visitante@ejemplo.test'), (m) => !!m);
    expect(mail!.text).toContain('Necesito la factura');
    expect(mail!.text).toContain('Se la enviamos hoy.');
    expect(mail!.text).not.toContain('revisar pago');
    expect((await startVisitor(t, channel, { visitorToken: v.visitorToken })).body.contact.email).toBe('visitante@ejemplo.test');
    // Another address is not taken once the contact has one: the widget cannot mail chats to strangers.
    const again = await widgetPost(t, v, `/api/v1/widget/conversations/${conversationId}/transcript`, { email: 'otro@ejemplo.test' });
    expect(again.json()).toEqual({ to: 'visitante@ejemplo.test' });
  });

  it('lists earlier conversations too: a visitor who writes after the reopen window starts a new one', async () => {
    const v = await startVisitor(t, channel);
    const first = await visitorSays(t, v, 'Primera consulta');
    await closeConversation(t, owner, first.conversationId);
    clock.advance(2 * 3600_000); // past the workspace's 60-minute reopen window
    const second = await visitorSays(t, v, 'Segunda consulta');
    clock.set(new Date());
    expect(second.conversationId).not.toBe(first.conversationId);
    const list = (await widgetGet(t, v, '/api/v1/widget/messages')).json();
    expect(list.conversations.map((c: any) => [c.id, c.status])).toEqual([[second.conversationId, 'open'], [first.conversationId, 'closed']]);
    expect(list.messages.map((m: any) => m.body)).toEqual(['Segunda consulta', 'Primera consulta']);
    const page = (await widgetGet(t, v, `/api/v1/widget/messages?limit=1`)).json();
    expect(page).toMatchObject({ hasMore: true, messages: [{ body: 'Segunda consulta' }] });
    const next = (await widgetGet(t, v, `/api/v1/widget/messages?limit=1&before=${page.messages[0].id}`)).json();
    expect(next.messages.map((m: any) => m.body)).toEqual(['Primera consulta']);
  });
});
