import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { startSmtpInbox } from '../../../../test/fakes/smtp-inbox.js';
import { SMTP_AUTH, SUPPORT_ADDRESS, until } from '../../../../test/email-fixtures.js';
import { createApiChannel } from '../../../../test/channel-fixtures.js';
import { createFormChannel, createSendingEmailChannel, postForm } from '../../../../test/form-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';

const FIELDS = [
  { key: 'name', label: 'Nombre', required: true },
  { key: 'email', label: 'Correo', required: false },
  { key: 'phone', label: 'Teléfono', required: false },
  { key: 'subject', label: 'Asunto', required: true },
  { key: 'message', label: 'Mensaje', required: true },
  { key: 'numero_cliente', label: 'Número de cliente', required: false },
  { key: 'motivo', label: 'Motivo', required: true },
];

describeEachDriver('web forms', (driver) => {
  let t: TestApp;
  let owner: Session;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  let emailChannelId: number;
  let form: { id: number; formKey: string };
  let n = 0;

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.server.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
  const valid = (over: Record<string, unknown> = {}) => ({
    submissionId: `s-${++n}`, name: 'Marta Gil', email: `marta${n}@cliente.test`, subject: 'Factura duplicada', message: `Me cobraron dos veces (${n})`, motivo: 'Facturación', ...over,
  });
  const messagesIn = async (channelId: number) =>
    queryRows<{ id: number; body: string; conversation_id: number; meta: any }>(t.ctx.db, sql`SELECT id, body, conversation_id, meta FROM messages WHERE channel_id = ${channelId} ORDER BY id`);
  const contactOf = async (conversationId: number) =>
    (await queryRows<{ id: number; name: string; email: string | null; phone: string | null; custom_fields: any }>(t.ctx.db, sql`
      SELECT c.id, c.name, c.email, c.phone, c.custom_fields FROM conversations v JOIN contacts c ON c.id = v.contact_id WHERE v.id = ${conversationId}`))[0];

  beforeAll(async () => {
    smtp = await startSmtpInbox({ auth: SMTP_AUTH });
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    for (const field of [{ key: 'numero_cliente', label: 'Número de cliente', type: 'number' }, { key: 'motivo', label: 'Motivo', type: 'select', options: ['Facturación', 'Avería'] }]) {
      expect((await api('POST', '/api/v1/contact-fields', field)).statusCode).toBe(201);
    }
    emailChannelId = await createSendingEmailChannel(t, owner, smtp);
    form = await createFormChannel(t, owner, { replyChannelId: emailChannelId, fields: FIELDS, successMessage: 'Gracias, te escribimos pronto.' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('refuses a form whose reply channel is not an email or SMS channel of the workspace, or whose custom field does not exist', async () => {
    const apiChannel = await createApiChannel(t, owner);
    const create = (config: object) => api('POST', '/api/v1/channels', { type: 'form', name: 'Mal', config });
    const wrongType = await create({ replyChannelId: apiChannel.id });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].field).toBe('body.config.replyChannelId');
    const unknownField = await create({ replyChannelId: emailChannelId, fields: [{ key: 'email', label: 'Correo' }, { key: 'no_existe', label: 'X' }] });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details[0].field).toBe('body.config.fields.1.key');
    const noAddress = await create({ replyChannelId: emailChannelId, fields: [{ key: 'message', label: 'Mensaje' }] });
    expect(noAddress.statusCode).toBe(400);
    const other = await createWorkspace(t);
    const foreign = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: other.owner.headers, payload: { type: 'form', name: 'Ajeno', config: { replyChannelId: emailChannelId } } });
    expect(foreign.statusCode).toBe(400);
  });

  it('answers 400 naming every bad field and stores nothing', async () => {
    const before = (await messagesIn(form.id)).length;
    const res = await postForm(t, form.id, { name: '  ', email: 'no-es-correo', phone: 'llámame', subject: 'Hola', message: 'x', numero_cliente: 'doce', motivo: 'Otra' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['body.email', 'body.motivo', 'body.name', 'body.numero_cliente', 'body.phone']);
    expect((await messagesIn(form.id)).length).toBe(before);
  });

  it('stores a submission as a conversation with the subject, the custom answers, and the contact\'s fields; a re-post is a duplicate', async () => {
    const body = valid({ numero_cliente: '1234,5', phone: '+58 414 555 0001' });
    const res = await postForm(t, form.id, body);
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    expect(answer).toMatchObject({ ok: true, message: 'Gracias, te escribimos pronto.', duplicate: false });
    const [stored] = (await messagesIn(form.id)).filter((m) => m.id === answer.messageId);
    expect(stored.body).toBe(`${body.message}\n\nNúmero de cliente: 1234.5\nMotivo: Facturación`);
    expect(stored.meta.email).toEqual({ subject: 'Factura duplicada' });
    const contact = await contactOf(answer.conversationId);
    expect(contact).toMatchObject({ name: 'Marta Gil', email: body.email, phone: '+584145550001' });
    expect(contact.custom_fields).toEqual({ numero_cliente: 1234.5, motivo: 'Facturación' });

    const again = await postForm(t, form.id, body);
    expect(again.json()).toMatchObject({ messageId: answer.messageId, conversationId: answer.conversationId, duplicate: true });
  });

  it('matches the submission to the existing contact with that email (or phone)', async () => {
    const known = (await api('POST', '/api/v1/contacts', { name: 'Luis Pardo (cliente)', email: 'luis@cliente.test' })).json();
    const ok = await postForm(t, form.id, valid({ name: 'Luis', email: 'LUIS@Cliente.test', numero_cliente: '77' }));
    const contact = await contactOf(ok.json().conversationId);
    expect(contact.id).toBe(known.id);
    expect(contact.name).toBe('Luis Pardo (cliente)'); // what agents keep is not overwritten
    expect(contact.custom_fields.numero_cliente).toBe(77);

    const byPhone = (await api('POST', '/api/v1/contacts', { name: 'Ana por teléfono', phone: '+58 412 000 1111' })).json();
    const viaPhone = await postForm(t, form.id, valid({ email: undefined, phone: '0058 412 000 1111' }));
    expect((await contactOf(viaPhone.json().conversationId)).id).toBe(byPhone.id);
  });

  it('takes a bot\'s submission (honeypot filled) as a success and stores nothing', async () => {
    const before = (await messagesIn(form.id)).length;
    const res = await postForm(t, form.id, valid({ homepage: 'http://spam.example' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, message: 'Gracias, te escribimos pronto.' });
    expect((await messagesIn(form.id)).length).toBe(before);
  });

  it('limits submissions per IP and per form with 429 and Retry-After', async () => {
    const limited = await createFormChannel(t, owner, { replyChannelId: emailChannelId, limits: { perIpPerMinute: 2, perChannelPerMinute: 3 } });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    expect((await postForm(t, limited.id, valid(), from('10.0.0.1'))).statusCode).toBe(200);
    expect((await postForm(t, limited.id, valid(), from('10.0.0.1'))).statusCode).toBe(200);
    const third = await postForm(t, limited.id, valid(), from('10.0.0.1'));
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.json().error.code).toBe('rate_limited');
    expect((await postForm(t, limited.id, valid(), from('10.0.0.2'))).statusCode).toBe(200); // another visitor
    expect((await postForm(t, limited.id, valid(), from('10.0.0.3'))).statusCode).toBe(429); // the form's own limit
  });

  it('answers the CORS preflight and posts for allowed origins only; the site\'s back end passes with the form key', async () => {
    const fenced = await createFormChannel(t, owner, { replyChannelId: emailChannelId, allowedOrigins: ['*.tienda.example'] });
    const preflight = (origin: string) =>
      t.server.app.inject({ method: 'OPTIONS', url: `/hooks/form/${fenced.id}`, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const allowed = await preflight('https://www.tienda.example');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.tienda.example');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('content-type');
    const refused = await preflight('https://otra.example');
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();

    const before = (await messagesIn(fenced.id)).length;
    expect((await postForm(t, fenced.id, valid(), { headers: { origin: 'https://otra.example' } })).statusCode).toBe(403);
    expect((await postForm(t, fenced.id, valid())).statusCode).toBe(403); // nothing says which page: refused when origins are set
    const ok = await postForm(t, fenced.id, valid(), { headers: { origin: 'https://www.tienda.example' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://www.tienda.example');
    expect((await postForm(t, fenced.id, valid(), { headers: { 'x-atiende-form-key': form.formKey } })).statusCode).toBe(403); // another form's key
    expect((await postForm(t, fenced.id, valid(), { headers: { 'x-atiende-form-key': fenced.formKey } })).statusCode).toBe(200);
    expect((await messagesIn(fenced.id)).length).toBe(before + 2);
  });

  it('serves a plain HTML form: a page for errors and success, or a 303 to the redirect URL', async () => {
    const bad = await postForm(t, form.id, { name: '<b>Eva</b>', subject: 'x' }, { urlencoded: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).toContain('Mensaje: es obligatorio');
    const good = await postForm(t, form.id, { ...valid(), numero_cliente: '' } as Record<string, unknown>, { urlencoded: true });
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('Gracias, te escribimos pronto.');
    expect((await api('PATCH', `/api/v1/channels/${form.id}`, { config: { redirectUrl: 'https://tienda.example/gracias' } })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 2100)); // the hook's settings cache
    const redirected = await postForm(t, form.id, valid(), { urlencoded: true });
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe('https://tienda.example/gracias');
    expect((await postForm(t, form.id, valid())).statusCode).toBe(200); // fetch still gets JSON
  });

  it('serves the embed script with the form\'s fields, escaped for a script', async () => {
    const res = await t.server.app.inject({ method: 'GET', url: `/hooks/form/${form.id}/embed.js` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/javascript');
    expect(res.body).toContain('"label":"Número de cliente"');
    expect(res.body).toContain(`/hooks/form/${form.id}"`);
    expect(res.body).toContain('"options":["Facturación","Avería"]');
    expect((await t.server.app.inject({ method: 'GET', url: '/hooks/form/987654/embed.js' })).statusCode).toBe(404);
  });

  it('delivers an agent\'s reply through the email channel to the contact\'s address, as "Re: <subject>"', async () => {
    const body = valid({ email: 'rosa@cliente.test', subject: 'Cambio de plan' });
    const { conversationId } = (await postForm(t, form.id, body)).json();
    const reply = await api('POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Hola Rosa, ya cambiamos tu plan.' });
    expect(reply.statusCode).toBe(201);
    const row = await until(
      async () => (await queryRows<{ delivery_status: string; external_id: string | null }>(t.ctx.db, sql`SELECT delivery_status, external_id FROM messages WHERE id = ${reply.json().id}`))[0],
      (m) => m.delivery_status !== 'queued',
    );
    expect(row.delivery_status).toBe('sent');
    const mail = await smtp.waitFor('rosa@cliente.test');
    expect(mail.subject).toBe('Re: Cambio de plan');
    expect(mail.text).toContain('Hola Rosa, ya cambiamos tu plan.');
    const source = smtp.sources.find((s) => s.to.includes('rosa@cliente.test'))!;
    expect(source.from).toBe(SUPPORT_ADDRESS);
    expect(source.source).not.toMatch(/^In-Reply-To:/im); // a form has no Message-ID to thread on
  });

  it('fails a reply for good when the contact left no email address to answer to', async () => {
    const { conversationId } = (await postForm(t, form.id, valid({ email: undefined, phone: '+58 424 999 0000' }))).json();
    const reply = await api('POST', `/api/v1/conversations/${conversationId}/messages`, { body: '¿Le escribimos por correo?' });
    const row = await until(
      async () => (await queryRows<{ delivery_status: string; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, failure_reason FROM messages WHERE id = ${reply.json().id}`))[0],
      (m) => m.delivery_status !== 'queued',
    );
    expect(row.delivery_status).toBe('failed');
    expect(row.failure_reason).toMatch(/no email address/);
  });
});
