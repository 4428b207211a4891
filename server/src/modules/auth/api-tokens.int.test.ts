import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, eventTypes, type Session } from '../../../test/fixtures.js';
import { sha256 } from '../../platform/crypto/secret-box.js';

describeEachDriver('API tokens', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('returns the token once, stores only its hash, and lists it without the token', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: admin.headers, payload: { name: 'CRM', role: 'agent', accessLevel: 'all' } });
    expect(res.statusCode).toBe(201);
    const { token, apiToken } = res.json();
    expect(token).toMatch(/^atd_[\w-]{40,}$/);
    expect(apiToken).toMatchObject({ name: 'CRM', role: 'agent', accessLevel: 'all', createdBy: admin.userId, lastUsedAt: null });

    const { rows } = await t.ctx.database.executeSql('SELECT token_hash FROM api_tokens WHERE id = $1', [apiToken.id]);
    expect(rows[0].token_hash).toBe(sha256(token));
    const list = await inject({ url: '/api/v1/api-tokens', headers: admin.headers });
    expect(list.json().items.map((x: { id: number }) => x.id)).toContain(apiToken.id);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(sha256(token));
    expect(await eventTypes(t, ws.workspaceId)).toContain('apitoken.created');
  });

  it('authenticates as Authorization: Bearer with the token\'s role, and records its use', async () => {
    const token = await createApiToken(t, ws.owner, { role: 'agent' });
    const me = await inject({ url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: null, workspace: { id: ws.workspaceId }, role: 'agent' });
    expect((await inject({ url: '/api/v1/users', headers: bearer(token) })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/v1/teams', headers: bearer(token), payload: { name: 'Bot' } })).statusCode).toBe(403);
    const listed = (await inject({ url: '/api/v1/api-tokens', headers: ws.owner.headers })).json().items;
    expect(listed.find((x: { role: string; lastUsedAt: string | null }) => x.role === 'agent' && x.lastUsedAt)).toBeTruthy();
  });

  it('an admin token manages what admins manage', async () => {
    const token = await createApiToken(t, ws.owner);
    const res = await inject({ method: 'POST', url: '/api/v1/teams', headers: bearer(token), payload: { name: 'Integración' } });
    expect(res.statusCode).toBe(201);
    const [event] = (await t.ctx.database.executeSql(`SELECT actor_type FROM events WHERE workspace_id = $1 AND type = 'team.created' ORDER BY id DESC LIMIT 1`, [ws.workspaceId])).rows;
    expect(event.actor_type).toBe('api');
  });

  it('revokes: the token stops working at once', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: ws.owner.headers, payload: { name: 'Temporal' } });
    const { token, apiToken } = res.json();
    expect((await inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    const revoked = await inject({ method: 'DELETE', url: `/api/v1/api-tokens/${apiToken.id}`, headers: ws.owner.headers });
    expect(revoked.json()).toEqual({ id: apiToken.id, deleted: true });
    expect((await inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await inject({ url: '/api/v1/api-tokens', headers: ws.owner.headers })).json().items.map((x: { id: number }) => x.id)).not.toContain(apiToken.id);
    expect((await inject({ method: 'DELETE', url: `/api/v1/api-tokens/${apiToken.id}`, headers: ws.owner.headers })).statusCode).toBe(404);
    expect(await eventTypes(t, ws.workspaceId)).toContain('apitoken.revoked');
  });

  it('refuses an unknown bearer token', async () => {
    const res = await inject({ url: '/api/v1/auth/me', headers: bearer('atd_made-up') });
    expect(res.statusCode).toBe(401);
  });

  it('never grants more than its creator has', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: admin.headers, payload: { name: 'Dueño', role: 'owner' } });
    expect(res.statusCode).toBe(403);
    const owner = await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: ws.owner.headers, payload: { name: 'Dueño', role: 'owner' } });
    expect(owner.statusCode).toBe(201);
    const del = await inject({ method: 'DELETE', url: `/api/v1/api-tokens/${owner.json().apiToken.id}`, headers: admin.headers });
    expect(del.statusCode).toBe(403);
  });

  it('refuses agents and supervisors, and names invalid fields', async () => {
    const team = await createTeam(t, ws.owner, 'Equipo');
    const agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team', teamIds: [team] });
    expect((await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: agent.headers, payload: { name: 'Mío' } })).statusCode).toBe(403);
    expect((await inject({ url: '/api/v1/api-tokens', headers: agent.headers })).statusCode).toBe(403);
    const bad = await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: admin.headers, payload: { name: 'x', accessLevel: 'galaxy' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.accessLevel' }] });
  });
});
