import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { eventsOfType, sessionCookie, TEST_PASSWORD } from '../../../test/fixtures.js';
import { startSmtpInbox } from '../../../test/fakes/smtp-inbox.js';
import { ManualClock } from '../../platform/clock.js';

const email = 'marta@example.test';
const NEW_PASSWORD = 'a brand new password';

describeEachDriver('password reset by mailed link', (driver) => {
  let t: TestApp;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  const clock = new ManualClock(new Date());
  let workspaceId: number;
  let firstSession: string;

  const ask = (address: string) => t.server.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: address } });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    t.server.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });
  const login = (password: string) => t.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const tokenOf = (text: string) => {
    const m = text.match(/http:\/\/app\.atiende\.test\/reset-password\?token=([\w-]+)/);
    if (!m) throw new Error(`no reset link in: ${text}`);
    return m[1];
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await createTestApp(driver, { clock, env: { SMTP_URL: inbox.url, PUBLIC_URL: 'http://app.atiende.test' } });
    const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { workspaceName: 'Óptica Sol', name: 'Marta', email, password: TEST_PASSWORD } });
    workspaceId = res.json().workspace.id;
    firstSession = sessionCookie(res);
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  it('answers 202 for an unknown address and sends nothing; a known one gets a link in its language', async () => {
    const before = inbox.mails.length;
    expect((await ask('nobody@example.test')).statusCode).toBe(202);
    expect((await ask(email)).statusCode).toBe(202);
    const mail = await inbox.waitFor(email, before);
    expect(mail.subject).toBe('Restablece tu contraseña de Atiende');
    expect(tokenOf(mail.text)).toMatch(/^[\w-]{40,}$/);
    expect(inbox.mails.slice(before).flatMap((m) => m.to)).toEqual([email]);
  });

  it('refuses a short password, naming the field, and changes nothing', async () => {
    const before = inbox.mails.length;
    await ask(email);
    const token = tokenOf((await inbox.waitFor(email, before)).text);
    const res = await confirm(token, 'short');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.password' }] });
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an unknown token', async () => {
    const res = await confirm('this-token-was-never-issued-by-the-server');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.token');
  });

  it('refuses an expired link', async () => {
    const before = inbox.mails.length;
    await ask(email);
    const token = tokenOf((await inbox.waitFor(email, before)).text);
    clock.advance(61 * 60 * 1000);
    expect((await confirm(token)).statusCode).toBe(400);
    expect((await login(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('sets the new password once, voids the other links and signs out every session', async () => {
    let before = inbox.mails.length;
    await ask(email);
    const older = tokenOf((await inbox.waitFor(email, before)).text);
    before = inbox.mails.length;
    await ask(email);
    const token = tokenOf((await inbox.waitFor(email, before)).text);
    expect(token).not.toBe(older);

    const cookie = { cookie: `atiende_session=${firstSession}` };
    expect((await t.server.app.inject({ url: '/api/v1/auth/me', headers: cookie })).statusCode).toBe(200);
    expect((await confirm(token)).statusCode).toBe(204);

    expect((await t.server.app.inject({ url: '/api/v1/auth/me', headers: cookie })).statusCode).toBe(401);
    expect((await login(TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
    expect((await confirm(token, 'yet another password')).statusCode).toBe(400);
    expect((await confirm(older, 'yet another password')).statusCode).toBe(400);
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
    expect(await eventsOfType(t, workspaceId, 'user.password_changed')).toHaveLength(1);
  });
});
