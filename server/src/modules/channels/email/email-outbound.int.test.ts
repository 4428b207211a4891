import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { dovecotMissing, startDovecot, type DovecotFake } from '../../../../test/fakes/dovecot.js';
import { startSmtpInbox } from '../../../../test/fakes/smtp-inbox.js';
import { customerMail } from '../../../../test/fakes/mail-builder.js';
import { createEmailChannel, pollNow, SMTP_AUTH, SUPPORT_ADDRESS, until } from '../../../../test/email-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { emailAdapter } from './email.adapter.js';

const missing = dovecotMissing();
const suite = (name: string, fn: Parameters<typeof describeEachDriver>[1]) =>
  missing ? describe.skip(`${name} — skipped: ${missing}`, () => it('needs Dovecot', () => {})) : describeEachDriver(name, fn);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function multipart(filename: string, contentType: string, content: Buffer) {
  const boundary = '----atiende-email';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

suite('email channel: settings and sending', (driver) => {
  let t: TestApp;
  let owner: Session;
  let dovecot: DovecotFake;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  let channelId: number;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpInbox({ auth: SMTP_AUTH });
    const port = await freePort();
    // Listening on PUBLIC_URL: the adapter reads a reply's files from our signed links, as in production.
    t = await createTestApp(driver, { env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await t.server.app.listen({ port, host: '127.0.0.1' });
    ({ owner } = await createWorkspace(t));
    channelId = (await createEmailChannel(t, owner, dovecot, smtp)).id;
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
    await smtp?.close();
  });

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.server.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
  const messageRow = async (id: number) =>
    (await queryRows<{ delivery_status: string; external_id: string | null; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, external_id, failure_reason FROM messages WHERE id = ${id}`))[0];
  const conversationWith = async (from: string) => {
    const m = customerMail({ from, to: SUPPORT_ADDRESS, subject: 'Pedido', text: 'Hola' });
    await dovecot.append(m.raw);
    await pollNow(t.ctx, channelId);
    return (await queryRows<{ conversation_id: number }>(t.ctx.db, sql`SELECT conversation_id FROM messages WHERE external_id = ${m.messageId!}`))[0].conversation_id;
  };
  const baseConfig = () => ({
    address: SUPPORT_ADDRESS,
    imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user },
    smtp: { host: smtp.host, port: smtp.port, secure: false, user: SMTP_AUTH.user },
  });

  it('names the field of a bad setting, and never answers with a mailbox password', async () => {
    const bad = await api('POST', '/api/v1/channels', { type: 'email', name: 'x', config: { ...baseConfig(), imap: { ...baseConfig().imap, host: 'imap gmail com' } }, secrets: { imapPassword: 'p' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('body.config.imap.host');
    const noPassword = await api('POST', '/api/v1/channels', { type: 'email', name: 'x', config: baseConfig(), secrets: {} });
    expect(noPassword.json().error.message).toContain('body.secrets.imapPassword');

    const created = await api('POST', '/api/v1/channels', { type: 'email', name: 'Ventas', config: baseConfig(), secrets: { imapPassword: dovecot.password, smtpPassword: SMTP_AUTH.pass }, active: false });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.secret).not.toContain(dovecot.password);
    expect(JSON.stringify(body)).not.toContain(SMTP_AUTH.pass);
    const rotated = (await api('POST', `/api/v1/channels/${body.id}/rotate-secret`)).json();
    expect(rotated.secret).not.toBe(body.secret);
    expect(JSON.stringify(rotated)).not.toMatch(new RegExp(`${dovecot.password}|${SMTP_AUTH.pass}`));
    expect((await loadChannelWithSecrets(t.ctx, body.id))!.secrets).toMatchObject({ imapPassword: dovecot.password, smtpPassword: SMTP_AUTH.pass });
  });

  it('"test connection" logs in to both servers and says which one refused', async () => {
    expect((await api('POST', `/api/v1/channels/${channelId}/connect`)).json()).toEqual({ status: 'connected' });
    const wrongImap = await createEmailChannel(t, owner, dovecot, smtp, { secrets: { imapPassword: 'equivocada' } });
    const imapAnswer = (await api('POST', `/api/v1/channels/${wrongImap.id}/connect`)).json();
    expect(imapAnswer).toEqual({ status: 'failed', error: `IMAP ${dovecot.host}:${dovecot.port}: Authentication failed.` });
    const wrongSmtp = await createEmailChannel(t, owner, dovecot, smtp, { secrets: { smtpPassword: 'equivocada' } });
    const smtpAnswer = (await api('POST', `/api/v1/channels/${wrongSmtp.id}/connect`)).json();
    expect(smtpAnswer.status).toBe('failed');
    expect(smtpAnswer.error).toMatch(new RegExp(`^SMTP ${smtp.host}:${smtp.port}: 535 5\\.7\\.8 Authentication credentials invalid`));
    for (const id of [wrongImap.id, wrongSmtp.id]) await api('PATCH', `/api/v1/channels/${id}`, { active: false });
  });

  it('sends a reply\'s files as attachments, read from our signed links', async () => {
    const conversationId = await conversationWith('sofia@cliente.test');
    const pdf = Buffer.from('%PDF-1.4 presupuesto');
    const upload = multipart('presupuesto.pdf', 'application/pdf', pdf);
    const uploaded = await t.server.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...owner.headers, ...upload.headers }, payload: upload.body });
    expect(uploaded.statusCode).toBe(201);
    const res = await api('POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Le adjunto el presupuesto', attachmentIds: [uploaded.json().id] });
    expect(res.statusCode).toBe(201);
    const row = await until(() => messageRow(res.json().id), (m) => m.delivery_status !== 'queued');
    expect(row.delivery_status).toBe('sent');
    const sent = smtp.sources.find((s) => s.parsed.messageId === `<${row.external_id}>`)!;
    expect(sent.parsed.text?.trim()).toBe('Le adjunto el presupuesto');
    expect(sent.parsed.html).toContain('<p>Le adjunto el presupuesto</p>');
    expect(sent.parsed.attachments).toHaveLength(1);
    expect(sent.parsed.attachments[0]).toMatchObject({ filename: 'presupuesto.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(sent.parsed.attachments[0].content as ArrayBuffer).equals(pdf)).toBe(true);
  });

  it('retries a reply the server deferred (4xx) and sends it once, with the same Message-ID', async () => {
    const conversationId = await conversationWith('raul@cliente.test');
    smtp.failNext({ code: 451, message: '4.3.0 Temporary local problem, please try later' });
    const res = await api('POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Respuesta tras un reintento' });
    const row = await until(() => messageRow(res.json().id), (m) => m.delivery_status !== 'queued', 20_000);
    expect(row.delivery_status).toBe('sent');
    expect(smtp.sources.filter((s) => s.parsed.messageId === `<${row.external_id}>`)).toHaveLength(1);
    expect(row.external_id).toMatch(new RegExp(`^atiende\\.${res.json().id}\\.[0-9a-f]{16}@empresa\\.test$`));
  });

  it('refuses a template (email has none) as a permanent failure', async () => {
    const record = (await loadChannelWithSecrets(t.ctx, channelId))!;
    const err = await emailAdapter.send(record, { messageId: 1, conversationId: 1, contactExternalId: 'a@cliente.test', content: { type: 'template', name: 'hola', language: 'es', components: [] } }, { timeoutMs: 5000, config: t.config }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'permanent' });
  });
});
