import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { eventTypes, sessionCookie, TEST_PASSWORD } from '../../../test/fixtures.js';
import { sha256 } from '../../platform/crypto/secret-box.js';

const owner = { workspaceName: 'Ferretería Luz', name: 'Luz Pérez', email: 'Luz@Example.test', password: TEST_PASSWORD };
const cookieHeader = (token: string) => ({ cookie: `atiende_session=${token}` });

describeEachDriver('first-run set-up and sessions', (driver) => {
  let t: TestApp;
  let token: string;
  let workspaceId: number;
  let userId: number;
  const inject = (opts: object) => t.server.app.inject(opts as never);

  beforeAll(async () => {
    t = await createTestApp(driver, { env: { SESSION_TTL_HOURS: '48' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('set-up', () => {
    it('is needed on an empty installation', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/setup' });
      expect(res.json()).toEqual({ needed: true });
    });

    it('names the invalid field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...owner, email: 'not-an-email' }, 'body.email'],
        [{ ...owner, password: 'short' }, 'body.password'],
        [{ ...owner, workspaceName: '' }, 'body.workspaceName'],
        [{ ...owner, timezone: 'Mars/Olympus' }, 'body.timezone'],
        [{ ...owner, language: 'fr' }, 'body.language'],
      ];
      for (const [payload, field] of cases) {
        const res = await inject({ method: 'POST', url: '/api/v1/setup', payload });
        expect(res.statusCode, field).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
        expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect((await inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
    });

    it('creates the first workspace and its owner, signed in with an httpOnly SameSite cookie', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/setup', payload: { ...owner, timezone: 'America/Bogota', language: 'es' } });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.workspace).toMatchObject({ name: 'Ferretería Luz', timezone: 'America/Bogota', language: 'es' });
      expect(body.user).toMatchObject({ name: 'Luz Pérez', email: 'luz@example.test' });
      expect(body).toMatchObject({ role: 'owner', accessLevel: 'all', teamIds: [] });
      expect(body.workspaces).toEqual([{ id: body.workspace.id, name: 'Ferretería Luz', role: 'owner' }]);
      const cookie = res.cookies.find((c) => c.name === 'atiende_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 48 * 3600 });
      expect(cookie.secure).toBeFalsy();
      token = cookie.value;
      workspaceId = body.workspace.id;
      userId = body.user.id;
      expect(await eventTypes(t, workspaceId)).toEqual(['workspace.created', 'user.joined']);
    });

    it('stores the session and the password only as hashes', async () => {
      const { rows: sessions } = await t.ctx.database.executeSql('SELECT token_hash FROM sessions WHERE user_id = $1', [userId]);
      expect(sessions.map((s: { token_hash: string }) => s.token_hash)).toEqual([sha256(token)]);
      const { rows: users } = await t.ctx.database.executeSql('SELECT password_hash FROM users WHERE id = $1', [userId]);
      expect(users[0].password_hash).toMatch(/^scrypt\$/);
      expect(users[0].password_hash).not.toContain(TEST_PASSWORD);
    });

    it('is refused once done', async () => {
      expect((await inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
      const res = await inject({ method: 'POST', url: '/api/v1/setup', payload: { ...owner, email: 'other@example.test' } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('setup_already_done');
      const { rows } = await t.ctx.database.executeSql('SELECT count(*)::int AS n FROM workspaces');
      expect(rows[0].n).toBe(1);
    });
  });

  describe('sessions', () => {
    it('knows who is signed in', async () => {
      const res = await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(token) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { id: userId }, workspace: { id: workspaceId }, role: 'owner' });
    });

    it('answers 401 without a session or with an unknown one', async () => {
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      const res = await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader('forged') });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    });

    it('refuses a wrong password and an unknown email alike', async () => {
      const wrong = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: 'wrong password' } });
      const unknown = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'wrong password' } });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe(unknown.json().error.message);
      expect(wrong.cookies).toHaveLength(0);
    });

    it('names the invalid login field', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x', password: 'whatever' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.email' }] });
    });

    it('signs in with any capitalisation of the email into the first workspace', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'LUZ@example.TEST', password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { id: userId }, workspace: { id: workspaceId } });
      const cookie = res.cookies.find((c) => c.name === 'atiende_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(cookie.value).not.toBe(token);
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(cookie.value) })).statusCode).toBe(200);
    });

    it('creates another workspace, moves the session there and switches back', async () => {
      const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: TEST_PASSWORD } });
      const mine = sessionCookie(login);
      const created = await inject({ method: 'POST', url: '/api/v1/workspaces', headers: cookieHeader(mine), payload: { name: 'Sucursal Este' } });
      expect(created.statusCode).toBe(201);
      const second = created.json().workspace;
      expect(second).toMatchObject({ name: 'Sucursal Este', timezone: 'America/Bogota', language: 'es' });
      expect(await eventTypes(t, second.id)).toEqual(['workspace.created', 'user.joined']);

      const me = (await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(mine) })).json();
      expect(me.workspace.id).toBe(second.id);
      expect(me.role).toBe('owner');
      expect(me.workspaces.map((w: { id: number }) => w.id)).toEqual([workspaceId, second.id]);
      // The first session stays where it was.
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(token) })).json().workspace.id).toBe(workspaceId);

      const back = await inject({ method: 'POST', url: '/api/v1/auth/switch-workspace', headers: cookieHeader(mine), payload: { workspaceId } });
      expect(back.statusCode).toBe(200);
      expect(back.json().workspace.id).toBe(workspaceId);

      const direct = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: TEST_PASSWORD, workspaceId: second.id } });
      expect(direct.json().workspace.id).toBe(second.id);
    });

    it('does not switch to a workspace the user is not a member of', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/auth/switch-workspace', headers: cookieHeader(token), payload: { workspaceId: 999_999 } });
      expect(res.statusCode).toBe(404);
      const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: TEST_PASSWORD, workspaceId: 999_999 } });
      expect(login.statusCode).toBe(403);
      expect(login.cookies).toHaveLength(0);
    });

    it('signs out: the cookie is cleared and the session no longer works', async () => {
      const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: TEST_PASSWORD } });
      const mine = sessionCookie(login);
      const res = await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: cookieHeader(mine) });
      expect(res.statusCode).toBe(204);
      const cleared = res.cookies.find((c) => c.name === 'atiende_session')!;
      expect(cleared.value).toBe('');
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(mine) })).statusCode).toBe(401);
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(token) })).statusCode).toBe(200);
    });

    it('expires sessions after SESSION_TTL_HOURS', async () => {
      const { rows } = await t.ctx.database.executeSql(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM sessions WHERE token_hash = $1`, [sha256(token)]);
      expect(rows[0].ttl).toBe(48 * 3600);
      await t.ctx.database.executeSql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
      expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookieHeader(token) })).statusCode).toBe(401);
    });
  });
});

describeEachDriver('login rate limit and secure cookies', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver, { env: { LOGIN_RATE_LIMIT: '3', PUBLIC_URL: 'https://atiende.example.test' } });
    const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/setup', payload: owner });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, ip = '203.0.113.7') =>
    t.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email, password } });

  it('marks the cookie Secure when the public URL is https', async () => {
    const res = await login(owner.email, TEST_PASSWORD, '203.0.113.1');
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'atiende_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });

  it('answers 429 after LOGIN_RATE_LIMIT attempts per address and IP, even with the right password', async () => {
    for (let i = 0; i < 2; i++) expect((await login(owner.email, 'wrong password')).statusCode).toBe(401);
    expect((await login(owner.email, TEST_PASSWORD)).statusCode).toBe(200);
    const limited = await login(owner.email, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.cookies).toHaveLength(0);
    // Another address from the same IP, and the same address from another IP, are counted apart.
    expect((await login('someone@example.test', 'wrong password')).statusCode).toBe(401);
    expect((await login(owner.email, TEST_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
  });

  it('limits password reset requests the same way', async () => {
    const ask = () => t.server.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: '203.0.113.50', payload: { email: 'nobody@example.test' } });
    for (let i = 0; i < 3; i++) expect((await ask()).statusCode).toBe(202);
    expect((await ask()).statusCode).toBe(429);
  });
});
