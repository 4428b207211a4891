import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, TEST_PASSWORD, type Session } from '../../../test/fixtures.js';

/**
 * Workspace B's owner (by session and by API token) aims at every id of workspace A: each answer is
 * 404, as if the id did not exist, and workspace A is byte-for-byte what it was, events included.
 */
describeEachDriver('cross-workspace isolation of the people side', (driver) => {
  let t: TestApp;
  let a: { workspaceId: number; owner: Session };
  let b: { workspaceId: number; owner: Session };
  let aMember: Session;
  let aTeam: number;
  let bTeam: number;
  let bMember: Session;
  let aTag: number;
  let aCategory: number;
  let aInvitation: number;
  let aApiToken: number;
  let bToken: string;

  const inject = (opts: object) => t.server.app.inject(opts as never);

  async function snapshotOfA() {
    const get = async (url: string) => (await inject({ url, headers: a.owner.headers })).body;
    const { rows } = await t.ctx.database.executeSql('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1', [a.workspaceId]);
    return {
      workspace: await get('/api/v1/workspace'),
      users: await get('/api/v1/users'),
      teams: await get('/api/v1/teams'),
      tags: await get('/api/v1/tags'),
      categories: await get('/api/v1/closing-categories'),
      invitations: await get('/api/v1/invitations'),
      tokens: await get('/api/v1/api-tokens'),
      events: rows[0].n,
    };
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
    a = await createWorkspace(t, { name: 'A' });
    b = await createWorkspace(t, { name: 'B' });
    aTeam = await createTeam(t, a.owner, 'Equipo A');
    aMember = await createMember(t, a.owner, { role: 'agent', accessLevel: 'team', teamIds: [aTeam], email: 'miembro-a@example.test' });
    bTeam = await createTeam(t, b.owner, 'Equipo B');
    bMember = await createMember(t, b.owner, { role: 'agent', accessLevel: 'all' });
    aTag = (await inject({ method: 'POST', url: '/api/v1/tags', headers: a.owner.headers, payload: { name: 'a' } })).json().tag.id;
    aCategory = (await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: a.owner.headers, payload: { name: 'a' } })).json().closingCategory.id;
    aInvitation = (await inject({ method: 'POST', url: '/api/v1/invitations', headers: a.owner.headers, payload: { email: 'pendiente@example.test', role: 'agent' } })).json().invitation.id;
    aApiToken = (await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: a.owner.headers, payload: { name: 'a' } })).json().apiToken.id;
    bToken = await createApiToken(t, b.owner);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 to every id of another workspace and writes nothing', async () => {
    const before = await snapshotOfA();
    const attempts: Array<{ method: string; url: string; payload?: unknown }> = [
      { method: 'GET', url: `/api/v1/users/${aMember.userId}` },
      { method: 'PATCH', url: `/api/v1/users/${aMember.userId}`, payload: { role: 'admin' } },
      { method: 'PATCH', url: `/api/v1/users/${aMember.userId}`, payload: { active: false } },
      { method: 'GET', url: `/api/v1/teams/${aTeam}` },
      { method: 'PATCH', url: `/api/v1/teams/${aTeam}`, payload: { name: 'Robado' } },
      { method: 'PUT', url: `/api/v1/teams/${aTeam}/members`, payload: { userIds: [] } },
      { method: 'DELETE', url: `/api/v1/teams/${aTeam}` },
      { method: 'PATCH', url: `/api/v1/tags/${aTag}`, payload: { name: 'robada' } },
      { method: 'DELETE', url: `/api/v1/tags/${aTag}` },
      { method: 'PATCH', url: `/api/v1/closing-categories/${aCategory}`, payload: { name: 'robada' } },
      { method: 'DELETE', url: `/api/v1/closing-categories/${aCategory}` },
      { method: 'DELETE', url: `/api/v1/invitations/${aInvitation}` },
      { method: 'DELETE', url: `/api/v1/api-tokens/${aApiToken}` },
      // B's own resources pointing at A's ids.
      { method: 'PUT', url: `/api/v1/teams/${bTeam}/members`, payload: { userIds: [aMember.userId] } },
      { method: 'PATCH', url: `/api/v1/users/${bMember.userId}`, payload: { teamIds: [aTeam] } },
      { method: 'POST', url: '/api/v1/invitations', payload: { email: 'cruzado@example.test', role: 'agent', teamIds: [aTeam] } },
      { method: 'POST', url: '/api/v1/auth/switch-workspace', payload: { workspaceId: a.workspaceId } },
    ];
    for (const headers of [b.owner.headers, { authorization: `Bearer ${bToken}` }]) {
      for (const attempt of attempts) {
        if (attempt.url.endsWith('switch-workspace') && 'authorization' in headers) continue;
        const res = await inject({ ...attempt, headers });
        expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    }
    expect(await snapshotOfA()).toEqual(before);
    expect((await inject({ url: `/api/v1/teams/${bTeam}`, headers: b.owner.headers })).json().team.memberIds).toEqual([]);
  });

  it('lists only the own workspace', async () => {
    const users = (await inject({ url: '/api/v1/users', headers: b.owner.headers })).json().items.map((u: { id: number }) => u.id);
    expect(users).toEqual([b.owner.userId, bMember.userId]);
    const teams = (await inject({ url: '/api/v1/teams', headers: b.owner.headers })).json().items.map((x: { id: number }) => x.id);
    expect(teams).toEqual([bTeam]);
    expect((await inject({ url: '/api/v1/tags', headers: b.owner.headers })).json().items).toEqual([]);
    expect((await inject({ url: '/api/v1/closing-categories', headers: b.owner.headers })).json().items).toEqual([]);
    expect((await inject({ url: '/api/v1/invitations', headers: b.owner.headers })).json().items).toEqual([]);
    const tokens = (await inject({ url: '/api/v1/api-tokens', headers: b.owner.headers })).json().items.map((x: { id: number }) => x.id);
    expect(tokens).not.toContain(aApiToken);
  });

  it('does not sign a member of A into B', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'miembro-a@example.test', password: TEST_PASSWORD, workspaceId: b.workspaceId } });
    expect(res.statusCode).toBe(403);
    expect(res.cookies).toHaveLength(0);
  });
});
