import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, eventsOfType, sessionCookie, TEST_PASSWORD, type Session } from '../../../test/fixtures.js';

describeEachDriver('users: members and profile', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;
  let teamA: number;
  let teamB: number;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const patchUser = (by: Session, id: number, payload: Record<string, unknown>) => inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: by.headers, payload });
  const me = (s: Session) => inject({ url: '/api/v1/auth/me', headers: s.headers });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    teamA = await createTeam(t, ws.owner, 'Ventas');
    teamB = await createTeam(t, ws.owner, 'Soporte');
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all', name: 'Ana Admin' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team', teamIds: [teamA], name: 'Beto Agente' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('members', () => {
    it('lists every member with role, access level, teams and active, to any member', async () => {
      const res = await inject({ url: '/api/v1/users', headers: agent.headers });
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((u: { id: number }) => u.id)).toEqual([ws.owner.userId, admin.userId, agent.userId]);
      expect(items[2]).toMatchObject({ name: 'Beto Agente', role: 'agent', accessLevel: 'team', teamIds: [teamA], active: true });
      expect(items[0]).not.toHaveProperty('passwordHash');
    });

    it('pages with a cursor', async () => {
      const first = (await inject({ url: '/api/v1/users?limit=2', headers: agent.headers })).json();
      expect(first.items).toHaveLength(2);
      const second = (await inject({ url: `/api/v1/users?limit=2&cursor=${first.nextCursor}`, headers: agent.headers })).json();
      expect(second.items.map((u: { id: number }) => u.id)).toEqual([agent.userId]);
      expect(second.nextCursor).toBeNull();
    });

    it('shows one member', async () => {
      const res = await inject({ url: `/api/v1/users/${admin.userId}`, headers: agent.headers });
      expect(res.json().user).toMatchObject({ id: admin.userId, role: 'admin', name: 'Ana Admin' });
      expect((await inject({ url: '/api/v1/users/999999', headers: agent.headers })).statusCode).toBe(404);
    });

    it('changes role, access level and teams, and the member\'s session follows', async () => {
      const res = await patchUser(admin, agent.userId, { role: 'supervisor', accessLevel: 'all', teamIds: [teamB, teamA] });
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ role: 'supervisor', accessLevel: 'all', teamIds: [teamA, teamB].sort((a, b) => a - b) });
      expect((await me(agent)).json()).toMatchObject({ role: 'supervisor', accessLevel: 'all' });
      const [event] = (await eventsOfType(t, ws.workspaceId, 'user.updated')).slice(-1);
      expect(event.payload).toMatchObject({ userId: agent.userId, changes: { role: 'supervisor', accessLevel: 'all' } });
      expect(event.actor_id).toBe(admin.userId);
      await patchUser(admin, agent.userId, { role: 'agent', accessLevel: 'team', teamIds: [teamA] });
    });

    it('refuses agents and supervisors', async () => {
      const sup = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
      expect((await patchUser(agent, admin.userId, { role: 'agent' })).statusCode).toBe(403);
      expect((await patchUser(sup, agent.userId, { role: 'admin' })).statusCode).toBe(403);
      expect((await inject({ url: `/api/v1/users/${admin.userId}`, headers: agent.headers })).json().user.role).toBe('admin');
    });

    it('names the invalid field', async () => {
      const res = await patchUser(admin, agent.userId, { accessLevel: 'everything' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.accessLevel' }] });
      expect((await patchUser(admin, agent.userId, { active: 'no' })).json().error.details[0].field).toBe('body.active');
    });

    it('refuses teams of another workspace', async () => {
      const other = await createWorkspace(t);
      const foreign = await createTeam(t, other.owner, 'Ajeno');
      expect((await patchUser(admin, agent.userId, { teamIds: [foreign] })).statusCode).toBe(404);
      expect((await me(agent)).json().teamIds).toEqual([teamA]);
    });

    it('lets only owners touch owners or make owners', async () => {
      expect((await patchUser(admin, ws.owner.userId, { accessLevel: 'team' })).statusCode).toBe(403);
      expect((await patchUser(admin, ws.owner.userId, { active: false })).statusCode).toBe(403);
      expect((await patchUser(admin, agent.userId, { role: 'owner' })).statusCode).toBe(403);
      expect((await patchUser(admin, admin.userId, { role: 'owner' })).statusCode).toBe(403);
    });

    it('keeps one active owner', async () => {
      const demote = await patchUser(ws.owner, ws.owner.userId, { role: 'admin' });
      expect(demote.statusCode).toBe(409);
      expect((await patchUser(ws.owner, ws.owner.userId, { active: false })).statusCode).toBe(409);
      expect((await me(ws.owner)).json().role).toBe('owner');

      // With a second owner, the first may step down; then the second is the last one.
      const second = await createMember(t, ws.owner, { role: 'owner', accessLevel: 'all' });
      expect((await patchUser(ws.owner, ws.owner.userId, { role: 'admin' })).statusCode).toBe(200);
      expect((await patchUser(second, second.userId, { active: false })).statusCode).toBe(409);
      expect((await patchUser(second, ws.owner.userId, { role: 'owner' })).statusCode).toBe(200);
    });

    it('keeps one owner when two owners demote each other at the same moment', async () => {
      const w = await createWorkspace(t);
      const other = await createMember(t, w.owner, { role: 'owner', accessLevel: 'all' });
      const results = await Promise.all([
        patchUser(w.owner, other.userId, { role: 'admin' }),
        patchUser(other, w.owner.userId, { role: 'admin' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const owners = (await inject({ url: '/api/v1/users', headers: w.owner.headers })).json().items.filter((u: { role: string }) => u.role === 'owner');
      expect(owners).toHaveLength(1);
    });

    it('deactivation signs the member out of this workspace at once; reactivation lets them sign in again', async () => {
      const leaving = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all', email: 'leaving@example.test' });
      expect((await me(leaving)).statusCode).toBe(200);
      const res = await patchUser(admin, leaving.userId, { active: false });
      expect(res.json().user.active).toBe(false);
      expect((await me(leaving)).statusCode).toBe(401);
      const login = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'leaving@example.test', password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(403);
      const [event] = (await eventsOfType(t, ws.workspaceId, 'user.updated')).slice(-1);
      expect(event.payload).toMatchObject({ userId: leaving.userId, changes: { active: false } });

      await patchUser(admin, leaving.userId, { active: true });
      const again = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'leaving@example.test', password: TEST_PASSWORD } });
      expect(again.statusCode).toBe(200);
    });
  });

  describe('profile', () => {
    it('changes the own name, avatar and language, and tells every workspace of the user', async () => {
      const res = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { name: 'Beto B.', language: 'en', avatarUrl: 'https://cdn.example.test/b.png' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ id: agent.userId, name: 'Beto B.', language: 'en', avatarUrl: 'https://cdn.example.test/b.png' });
      expect((await me(agent)).json().user.name).toBe('Beto B.');
      const [event] = (await eventsOfType(t, ws.workspaceId, 'user.updated')).slice(-1);
      expect(event.payload).toEqual({ userId: agent.userId, changes: { name: 'Beto B.', language: 'en', avatarUrl: 'https://cdn.example.test/b.png' } });
    });

    it('names the invalid field', async () => {
      const res = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { avatarUrl: 'not a url' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe('body.avatarUrl');
      const lang = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { language: 'klingon' } });
      expect(lang.json().error.details[0].field).toBe('body.language');
    });

    it('changes the password only with the current one, and signs out the other sessions', async () => {
      const email = (await me(agent)).json().user.email;
      const otherDevice = sessionCookie(await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } }));
      const missing = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { newPassword: 'another password' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details[0].field).toBe('body.currentPassword');
      const wrong = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { currentPassword: 'nope nope', newPassword: 'another password' } });
      expect(wrong.statusCode).toBe(403);
      const short = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
      expect(short.json().error.details[0].field).toBe('body.newPassword');

      const ok = await inject({ method: 'PATCH', url: '/api/v1/profile', headers: agent.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'another password' } });
      expect(ok.statusCode).toBe(200);
      expect((await me(agent)).statusCode).toBe(200);
      expect((await inject({ url: '/api/v1/auth/me', headers: { cookie: `atiende_session=${otherDevice}` } })).statusCode).toBe(401);
      expect((await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } })).statusCode).toBe(401);
      expect((await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'another password' } })).statusCode).toBe(200);
    });
  });
});
