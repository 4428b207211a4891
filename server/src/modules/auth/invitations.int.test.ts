import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import {
  createMember, createTeam, createWorkspace, eventsOfType, lastMailedToken, sentMail, sessionCookie, TEST_PASSWORD, type Session,
} from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';

describeEachDriver('invitations', (driver) => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;
  let teamId: number;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const invite = (by: Session, payload: Record<string, unknown>) => inject({ method: 'POST', url: '/api/v1/invitations', headers: by.headers, payload });
  const lookup = (token: string) => inject({ method: 'GET', url: `/api/v1/invitations/lookup?token=${token}` });
  const accept = (payload: Record<string, unknown>) => inject({ method: 'POST', url: '/api/v1/invitations/accept', payload });

  beforeAll(async () => {
    t = await createTestApp(driver, { clock, env: { PUBLIC_URL: 'https://soporte.example.test' } });
    ws = await createWorkspace(t, { name: 'Clínica Norte' });
    teamId = await createTeam(t, ws.owner, 'Recepción');
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'assigned' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('mails a link, lists the pending invitation and describes it publicly', async () => {
    const res = await invite(admin, { email: 'Nuevo@Example.test', name: 'Nuevo', role: 'supervisor', accessLevel: 'team', teamIds: [teamId] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.emailed).toBe(true);
    expect(body.invitation).toMatchObject({ email: 'nuevo@example.test', role: 'supervisor', accessLevel: 'team', teamIds: [teamId], invitedBy: admin.userId });
    expect(JSON.stringify(body)).not.toMatch(/token/i);

    const mail = sentMail(t).at(-1)!;
    expect(mail.to).toBe('nuevo@example.test');
    expect(mail.subject).toBe('Te invitaron a Clínica Norte en Atiende');
    expect(mail.text).toMatch(/https:\/\/soporte\.example\.test\/accept-invitation\?token=[\w-]{40,}/);

    const list = await inject({ method: 'GET', url: '/api/v1/invitations', headers: admin.headers });
    expect(list.json().items.map((i: { email: string }) => i.email)).toContain('nuevo@example.test');

    const token = lastMailedToken(t, 'nuevo@example.test');
    const seen = await lookup(token);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({ workspaceName: 'Clínica Norte', email: 'nuevo@example.test', name: 'Nuevo', accountExists: false });
    expect(await eventsOfType(t, ws.workspaceId, 'invitation.created')).toContainEqual(expect.objectContaining({ payload: expect.objectContaining({ email: 'nuevo@example.test' }) }));
  });

  it('asks a new account for its name, naming the field', async () => {
    const res = await accept({ token: lastMailedToken(t, 'nuevo@example.test'), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.name' }] });
  });

  it('creates the account with its role, access level and teams, signs in, and works once', async () => {
    const token = lastMailedToken(t, 'nuevo@example.test');
    const res = await accept({ token, name: 'Nuevo Pérez', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { name: 'Nuevo Pérez', email: 'nuevo@example.test' }, workspace: { id: ws.workspaceId }, role: 'supervisor', accessLevel: 'team', teamIds: [teamId] });
    const cookie = sessionCookie(res);
    const me = await inject({ url: '/api/v1/auth/me', headers: { cookie: `atiende_session=${cookie}` } });
    expect(me.json().role).toBe('supervisor');

    expect((await accept({ token, name: 'Otra vez', password: TEST_PASSWORD })).statusCode).toBe(404);
    expect((await lookup(token)).statusCode).toBe(404);
    const list = await inject({ method: 'GET', url: '/api/v1/invitations', headers: admin.headers });
    expect(list.json().items.map((i: { email: string }) => i.email)).not.toContain('nuevo@example.test');
    const joined = await eventsOfType(t, ws.workspaceId, 'user.joined');
    expect(joined.at(-1)!.payload).toMatchObject({ name: 'Nuevo Pérez', role: 'supervisor', teamIds: [teamId] });
  });

  it('lets an existing account join with its password, not with another', async () => {
    const other = await createWorkspace(t, { name: 'Otra empresa', email: 'multi@example.test' });
    expect((await invite(ws.owner, { email: 'multi@example.test', role: 'agent', accessLevel: 'all' })).statusCode).toBe(201);
    const token = lastMailedToken(t, 'multi@example.test');
    expect((await lookup(token)).json().accountExists).toBe(true);
    const wrong = await accept({ token, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    const res = await accept({ token, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(other.owner.userId);
    expect(res.json().workspaces.map((w: { id: number }) => w.id).sort()).toEqual([other.workspaceId, ws.workspaceId].sort());
  });

  it('refuses to invite someone who is already an active member', async () => {
    const res = await invite(ws.owner, { email: 'multi@example.test', role: 'agent', accessLevel: 'all' });
    expect(res.statusCode).toBe(409);
  });

  it('lets only owners invite owners', async () => {
    expect((await invite(admin, { email: 'jefe@example.test', role: 'owner', accessLevel: 'all' })).statusCode).toBe(403);
    expect((await invite(ws.owner, { email: 'jefe@example.test', role: 'owner', accessLevel: 'all' })).statusCode).toBe(201);
  });

  it('refuses agents and supervisors', async () => {
    expect((await invite(agent, { email: 'x@example.test', role: 'agent', accessLevel: 'all' })).statusCode).toBe(403);
    expect((await inject({ method: 'GET', url: '/api/v1/invitations', headers: agent.headers })).statusCode).toBe(403);
  });

  it('names the invalid field', async () => {
    const res = await invite(ws.owner, { email: 'x@example.test', role: 'boss', accessLevel: 'all' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.role' }] });
    const bad = await invite(ws.owner, { email: 'nope', role: 'agent' });
    expect(bad.json().error.details[0].field).toBe('body.email');
  });

  it('refuses teams that are not of this workspace', async () => {
    const other = await createWorkspace(t);
    const foreignTeam = await createTeam(t, other.owner, 'Ajeno');
    const res = await invite(ws.owner, { email: 'y@example.test', role: 'agent', accessLevel: 'team', teamIds: [foreignTeam] });
    expect(res.statusCode).toBe(404);
    const list = await inject({ method: 'GET', url: '/api/v1/invitations', headers: ws.owner.headers });
    expect(list.json().items.map((i: { email: string }) => i.email)).not.toContain('y@example.test');
  });

  it('replaces a pending invitation for the same address', async () => {
    await invite(ws.owner, { email: 'dos@example.test', role: 'agent', accessLevel: 'all' });
    const first = lastMailedToken(t, 'dos@example.test');
    await invite(ws.owner, { email: 'dos@example.test', role: 'supervisor', accessLevel: 'all' });
    const second = lastMailedToken(t, 'dos@example.test');
    expect((await lookup(first)).statusCode).toBe(404);
    const res = await accept({ token: second, name: 'Dos', password: TEST_PASSWORD });
    expect(res.json().role).toBe('supervisor');
  });

  it('revokes: the link stops working', async () => {
    const created = await invite(ws.owner, { email: 'revocado@example.test', role: 'agent', accessLevel: 'all' });
    const token = lastMailedToken(t, 'revocado@example.test');
    const id = created.json().invitation.id;
    expect((await inject({ method: 'DELETE', url: `/api/v1/invitations/${id}`, headers: agent.headers })).statusCode).toBe(403);
    const res = await inject({ method: 'DELETE', url: `/api/v1/invitations/${id}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect((await lookup(token)).statusCode).toBe(404);
    expect((await accept({ token, name: 'R', password: TEST_PASSWORD })).statusCode).toBe(404);
    expect((await inject({ method: 'DELETE', url: `/api/v1/invitations/${id}`, headers: admin.headers })).statusCode).toBe(404);
    expect(await eventsOfType(t, ws.workspaceId, 'invitation.revoked')).toHaveLength(1);
  });

  it('expires after seven days', async () => {
    await invite(ws.owner, { email: 'tarde@example.test', role: 'agent', accessLevel: 'all' });
    const token = lastMailedToken(t, 'tarde@example.test');
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    expect((await lookup(token)).statusCode).toBe(404);
    expect((await accept({ token, name: 'Tarde', password: TEST_PASSWORD })).statusCode).toBe(404);
  });
});
