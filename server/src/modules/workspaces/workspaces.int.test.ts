import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('workspace settings', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const patch = (by: Record<string, string>, payload: Record<string, unknown>) => inject({ method: 'PATCH', url: '/api/v1/workspace', headers: by, payload });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t, { name: 'Farmacia Central' });
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the current workspace to any member', async () => {
    const res = await inject({ url: '/api/v1/workspace', headers: agent.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().workspace).toMatchObject({ id: ws.workspaceId, name: 'Farmacia Central', language: 'es' });
  });

  it('lets admins rename it and set time zone, language and reopen window', async () => {
    const res = await patch(admin.headers, { name: 'Farmacia Central 24h', timezone: 'America/Mexico_City', language: 'en', reopenWindowMinutes: 120 });
    expect(res.statusCode).toBe(200);
    expect(res.json().workspace).toMatchObject({ name: 'Farmacia Central 24h', timezone: 'America/Mexico_City', language: 'en', reopenWindowMinutes: 120 });
    const [event] = await eventsOfType(t, ws.workspaceId, 'workspace.updated');
    expect(event.payload).toEqual({ changes: { name: 'Farmacia Central 24h', timezone: 'America/Mexico_City', language: 'en', reopenWindowMinutes: 120 } });
  });

  it('names the invalid field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timezone: 'America/Atlantis' }, 'body.timezone'],
      [{ language: 'fr' }, 'body.language'],
      [{ reopenWindowMinutes: -5 }, 'body.reopenWindowMinutes'],
      [{ name: '' }, 'body.name'],
    ];
    for (const [payload, field] of cases) {
      const res = await patch(ws.owner.headers, payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field }] });
    }
    expect((await inject({ url: '/api/v1/workspace', headers: agent.headers })).json().workspace.timezone).toBe('America/Mexico_City');
  });

  it('refuses agents and supervisors', async () => {
    const supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
    expect((await patch(agent.headers, { name: 'Mía' })).statusCode).toBe(403);
    expect((await patch(supervisor.headers, { name: 'Mía' })).statusCode).toBe(403);
    expect((await inject({ url: '/api/v1/workspace', headers: agent.headers })).json().workspace.name).toBe('Farmacia Central 24h');
  });

  it('lets any signed-in member start a workspace of their own, where they are owner', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/workspaces', headers: agent.headers, payload: { name: 'Mi propia tienda' } });
    expect(res.statusCode).toBe(201);
    const created = res.json().workspace;
    expect(created).toMatchObject({ name: 'Mi propia tienda', timezone: 'America/Mexico_City', language: 'en' });
    const me = (await inject({ url: '/api/v1/auth/me', headers: agent.headers })).json();
    expect(me).toMatchObject({ workspace: { id: created.id }, role: 'owner' });
    expect(me.workspaces.map((w: { id: number; role: string }) => [w.id, w.role])).toEqual([[ws.workspaceId, 'agent'], [created.id, 'owner']]);
    const users = (await inject({ url: '/api/v1/users', headers: agent.headers })).json().items;
    expect(users.map((u: { id: number }) => u.id)).toEqual([agent.userId]);
  });

  it('refuses to start a workspace for an API token', async () => {
    const token = await createApiToken(t, ws.owner);
    const res = await inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Robot' } });
    expect(res.statusCode).toBe(403);
  });
});
