import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiChannel } from '../../../test/channel-fixtures.js';
import { createMember, createTeam, createWorkspace, eventTypes, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('teams', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let agent: Session;
  let supervisor: Session;

  const inject = (opts: object) => t.server.app.inject(opts as never);

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team' });
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates, shows, lists by name and renames a team', async () => {
    const created = await inject({ method: 'POST', url: '/api/v1/teams', headers: ws.owner.headers, payload: { name: 'Soporte', description: 'Segundo nivel' } });
    expect(created.statusCode).toBe(201);
    const team = created.json().team;
    expect(team).toMatchObject({ name: 'Soporte', description: 'Segundo nivel', memberIds: [] });
    await createTeam(t, ws.owner, 'Ventas');
    await createTeam(t, ws.owner, 'Cobranza');

    const list = await inject({ url: '/api/v1/teams', headers: agent.headers });
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['Cobranza', 'Soporte', 'Ventas']);
    const page1 = (await inject({ url: '/api/v1/teams?limit=2', headers: agent.headers })).json();
    const page2 = (await inject({ url: `/api/v1/teams?limit=2&cursor=${page1.nextCursor}`, headers: agent.headers })).json();
    expect([...page1.items, ...page2.items].map((x: { name: string }) => x.name)).toEqual(['Cobranza', 'Soporte', 'Ventas']);
    expect(page2.nextCursor).toBeNull();
    expect((await inject({ url: '/api/v1/teams?cursor=garbage', headers: agent.headers })).json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'query.cursor' }] });

    expect((await inject({ url: `/api/v1/teams/${team.id}`, headers: agent.headers })).json().team.name).toBe('Soporte');
    const renamed = await inject({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers: ws.owner.headers, payload: { name: 'Soporte técnico' } });
    expect(renamed.json().team).toMatchObject({ name: 'Soporte técnico', description: 'Segundo nivel' });
    const [event] = await eventsOfType(t, ws.workspaceId, 'team.updated');
    expect(event.payload).toEqual({ teamId: team.id, changes: { name: 'Soporte técnico' } });
  });

  it('refuses a duplicate name with 409, on create and rename', async () => {
    const dup = await inject({ method: 'POST', url: '/api/v1/teams', headers: ws.owner.headers, payload: { name: 'Ventas' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('conflict');
    const cobranza = (await inject({ url: '/api/v1/teams', headers: agent.headers })).json().items.find((x: { name: string }) => x.name === 'Cobranza');
    expect((await inject({ method: 'PATCH', url: `/api/v1/teams/${cobranza.id}`, headers: ws.owner.headers, payload: { name: 'Ventas' } })).statusCode).toBe(409);
  });

  it('names the invalid field', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/teams', headers: ws.owner.headers, payload: { name: '   ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.name' }] });
    const members = await inject({ method: 'PUT', url: '/api/v1/teams/1/members', headers: ws.owner.headers, payload: { userIds: ['x'] } });
    expect(members.json().error.details[0].field).toBe('body.userIds.0');
  });

  it('replaces the members; the members see the team in their session', async () => {
    const id = await createTeam(t, ws.owner, 'Guardia');
    const res = await inject({ method: 'PUT', url: `/api/v1/teams/${id}/members`, headers: ws.owner.headers, payload: { userIds: [agent.userId, supervisor.userId] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().team.memberIds).toEqual([agent.userId, supervisor.userId].sort((a, b) => a - b));
    expect((await inject({ url: '/api/v1/auth/me', headers: agent.headers })).json().teamIds).toContain(id);

    await inject({ method: 'PUT', url: `/api/v1/teams/${id}/members`, headers: ws.owner.headers, payload: { userIds: [supervisor.userId] } });
    expect((await inject({ url: '/api/v1/auth/me', headers: agent.headers })).json().teamIds).not.toContain(id);
    const events = await eventsOfType(t, ws.workspaceId, 'team.members_changed');
    expect(events.at(-1)!.payload).toMatchObject({ teamId: id, added: [], removed: [agent.userId], memberIds: [supervisor.userId] });
  });

  it('refuses members of another workspace', async () => {
    const id = await createTeam(t, ws.owner, 'Cerrada');
    const other = await createWorkspace(t);
    const res = await inject({ method: 'PUT', url: `/api/v1/teams/${id}/members`, headers: ws.owner.headers, payload: { userIds: [agent.userId, other.owner.userId] } });
    expect(res.statusCode).toBe(404);
    expect((await inject({ url: `/api/v1/teams/${id}`, headers: ws.owner.headers })).json().team.memberIds).toEqual([]);
  });

  it('deletes a team and its memberships', async () => {
    const id = await createTeam(t, ws.owner, 'Temporal', [agent.userId]);
    const res = await inject({ method: 'DELETE', url: `/api/v1/teams/${id}`, headers: ws.owner.headers });
    expect(res.json()).toEqual({ id, deleted: true });
    expect((await inject({ url: `/api/v1/teams/${id}`, headers: ws.owner.headers })).statusCode).toBe(404);
    expect((await inject({ url: '/api/v1/auth/me', headers: agent.headers })).json().teamIds).not.toContain(id);
    expect(await eventTypes(t, ws.workspaceId)).toContain('team.deleted');
  });

  it('keeps a team that a channel still routes to', async () => {
    const id = await createTeam(t, ws.owner, 'Con canal');
    await createApiChannel(t, ws.owner, { defaultTeamId: id });
    const res = await inject({ method: 'DELETE', url: `/api/v1/teams/${id}`, headers: ws.owner.headers });
    expect(res.statusCode).toBe(409);
    expect((await inject({ url: `/api/v1/teams/${id}`, headers: ws.owner.headers })).statusCode).toBe(200);
  });

  it('lets every member read and only admins manage', async () => {
    const id = await createTeam(t, ws.owner, 'Solo lectura');
    for (const who of [agent, supervisor]) {
      expect((await inject({ url: `/api/v1/teams/${id}`, headers: who.headers })).statusCode).toBe(200);
      expect((await inject({ method: 'POST', url: '/api/v1/teams', headers: who.headers, payload: { name: 'Mía' } })).statusCode).toBe(403);
      expect((await inject({ method: 'PATCH', url: `/api/v1/teams/${id}`, headers: who.headers, payload: { name: 'Mía' } })).statusCode).toBe(403);
      expect((await inject({ method: 'PUT', url: `/api/v1/teams/${id}/members`, headers: who.headers, payload: { userIds: [who.userId] } })).statusCode).toBe(403);
      expect((await inject({ method: 'DELETE', url: `/api/v1/teams/${id}`, headers: who.headers })).statusCode).toBe(403);
    }
    expect((await inject({ url: `/api/v1/teams/${id}`, headers: agent.headers })).json().team).toMatchObject({ name: 'Solo lectura', memberIds: [] });
  });
});
