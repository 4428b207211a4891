import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import type { AccessLevel, Role } from './permissions.js';

type Headers = Record<string, string>;
interface ActorUnderTest {
  label: string;
  role: Role;
  user: boolean;
  headers: Headers;
}
interface Action {
  name: string;
  /** Who may: every member, admins and owners, or signed-in users (not API tokens). */
  allowed: 'everyone' | 'admin' | 'users';
  ok: number;
  run: (actor: ActorUnderTest, i: number) => Promise<{ statusCode: number; body: string }>;
}

/**
 * Every management action of the people side against every role and access level, over HTTP,
 * with sessions and API tokens. The expected table is derived from one rule: reading is for every
 * member, managing is for admins and owners.
 */
describeEachDriver('permission matrix: people, teams, catalogues, tokens, jobs', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let target: Session;
  let teamId: number;
  let tagId: number;
  let categoryId: number;
  const actors: ActorUnderTest[] = [];
  /** Per actor, resources only that actor's destructive calls use up. */
  const own = new Map<string, { teamId: number; tagId: number; categoryId: number; invitationId: number; apiTokenId: number }>();

  const inject = (opts: object) => t.server.app.inject(opts as never);

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t, { name: 'Matriz' });
    const o = ws.owner.headers;
    teamId = await createTeam(t, ws.owner, 'Base');
    target = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all', name: 'Objetivo' });
    tagId = (await inject({ method: 'POST', url: '/api/v1/tags', headers: o, payload: { name: 'base' } })).json().tag.id;
    categoryId = (await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: o, payload: { name: 'base' } })).json().closingCategory.id;

    actors.push({ label: 'owner/all', role: 'owner', user: true, headers: o });
    const grants: Array<[Role, AccessLevel]> = [
      ['admin', 'all'], ['admin', 'assigned'], ['supervisor', 'all'], ['supervisor', 'team'], ['agent', 'all'], ['agent', 'team'], ['agent', 'assigned'],
    ];
    for (const [role, accessLevel] of grants) {
      const s = await createMember(t, ws.owner, { role, accessLevel, teamIds: accessLevel === 'team' ? [teamId] : [] });
      actors.push({ label: `${role}/${accessLevel}`, role, user: true, headers: s.headers });
    }
    for (const role of ['admin', 'agent'] as const) {
      actors.push({ label: `api token ${role}`, role, user: false, headers: { authorization: `Bearer ${await createApiToken(t, ws.owner, { role })}` } });
    }
    for (const [i, a] of actors.entries()) {
      const team = await createTeam(t, ws.owner, `Desechable ${i}`);
      const tag = (await inject({ method: 'POST', url: '/api/v1/tags', headers: o, payload: { name: `desechable ${i}` } })).json().tag.id;
      const cat = (await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: o, payload: { name: `desechable ${i}` } })).json().closingCategory.id;
      const inv = (await inject({ method: 'POST', url: '/api/v1/invitations', headers: o, payload: { email: `desechable-${i}@example.test`, role: 'agent' } })).json().invitation.id;
      const tok = (await inject({ method: 'POST', url: '/api/v1/api-tokens', headers: o, payload: { name: `desechable ${i}`, role: 'agent' } })).json().apiToken.id;
      own.set(a.label, { teamId: team, tagId: tag, categoryId: cat, invitationId: inv, apiTokenId: tok });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const actions: Action[] = [
    { name: 'GET workspace', allowed: 'everyone', ok: 200, run: (a) => inject({ url: '/api/v1/workspace', headers: a.headers }) },
    { name: 'PATCH workspace', allowed: 'admin', ok: 200, run: (a, i) => inject({ method: 'PATCH', url: '/api/v1/workspace', headers: a.headers, payload: { reopenWindowMinutes: 10 + i } }) },
    { name: 'GET users', allowed: 'everyone', ok: 200, run: (a) => inject({ url: '/api/v1/users', headers: a.headers }) },
    { name: 'GET user', allowed: 'everyone', ok: 200, run: (a) => inject({ url: `/api/v1/users/${target.userId}`, headers: a.headers }) },
    { name: 'PATCH user', allowed: 'admin', ok: 200, run: (a, i) => inject({ method: 'PATCH', url: `/api/v1/users/${target.userId}`, headers: a.headers, payload: { accessLevel: i % 2 ? 'team' : 'all' } }) },
    { name: 'PATCH profile', allowed: 'users', ok: 200, run: (a, i) => inject({ method: 'PATCH', url: '/api/v1/profile', headers: a.headers, payload: { language: i % 2 ? 'en' : 'es' } }) },
    { name: 'POST invitation', allowed: 'admin', ok: 201, run: (a, i) => inject({ method: 'POST', url: '/api/v1/invitations', headers: a.headers, payload: { email: `m${i}@example.test`, role: 'agent' } }) },
    { name: 'GET invitations', allowed: 'admin', ok: 200, run: (a) => inject({ url: '/api/v1/invitations', headers: a.headers }) },
    { name: 'DELETE invitation', allowed: 'admin', ok: 200, run: (a) => inject({ method: 'DELETE', url: `/api/v1/invitations/${own.get(a.label)!.invitationId}`, headers: a.headers }) },
    { name: 'GET teams', allowed: 'everyone', ok: 200, run: (a) => inject({ url: '/api/v1/teams', headers: a.headers }) },
    { name: 'GET team', allowed: 'everyone', ok: 200, run: (a) => inject({ url: `/api/v1/teams/${teamId}`, headers: a.headers }) },
    { name: 'POST team', allowed: 'admin', ok: 201, run: (a, i) => inject({ method: 'POST', url: '/api/v1/teams', headers: a.headers, payload: { name: `Nuevo ${i}` } }) },
    { name: 'PATCH team', allowed: 'admin', ok: 200, run: (a, i) => inject({ method: 'PATCH', url: `/api/v1/teams/${teamId}`, headers: a.headers, payload: { description: `v${i}` } }) },
    { name: 'PUT team members', allowed: 'admin', ok: 200, run: (a) => inject({ method: 'PUT', url: `/api/v1/teams/${own.get(a.label)!.teamId}/members`, headers: a.headers, payload: { userIds: [target.userId] } }) },
    { name: 'DELETE team', allowed: 'admin', ok: 200, run: (a) => inject({ method: 'DELETE', url: `/api/v1/teams/${own.get(a.label)!.teamId}`, headers: a.headers }) },
    { name: 'GET tags', allowed: 'everyone', ok: 200, run: (a) => inject({ url: '/api/v1/tags', headers: a.headers }) },
    { name: 'POST tag', allowed: 'admin', ok: 201, run: (a, i) => inject({ method: 'POST', url: '/api/v1/tags', headers: a.headers, payload: { name: `nueva ${i}` } }) },
    { name: 'PATCH tag', allowed: 'admin', ok: 200, run: (a, i) => inject({ method: 'PATCH', url: `/api/v1/tags/${tagId}`, headers: a.headers, payload: { color: `#00000${i % 10}` } }) },
    { name: 'DELETE tag', allowed: 'admin', ok: 200, run: (a) => inject({ method: 'DELETE', url: `/api/v1/tags/${own.get(a.label)!.tagId}`, headers: a.headers }) },
    { name: 'GET closing categories', allowed: 'everyone', ok: 200, run: (a) => inject({ url: '/api/v1/closing-categories', headers: a.headers }) },
    { name: 'POST closing category', allowed: 'admin', ok: 201, run: (a, i) => inject({ method: 'POST', url: '/api/v1/closing-categories', headers: a.headers, payload: { name: `nueva ${i}` } }) },
    { name: 'PATCH closing category', allowed: 'admin', ok: 200, run: (a, i) => inject({ method: 'PATCH', url: `/api/v1/closing-categories/${categoryId}`, headers: a.headers, payload: { name: `base ${i}` } }) },
    { name: 'DELETE closing category', allowed: 'admin', ok: 200, run: (a) => inject({ method: 'DELETE', url: `/api/v1/closing-categories/${own.get(a.label)!.categoryId}`, headers: a.headers }) },
    { name: 'POST api token', allowed: 'admin', ok: 201, run: (a, i) => inject({ method: 'POST', url: '/api/v1/api-tokens', headers: a.headers, payload: { name: `m ${i}`, role: 'agent' } }) },
    { name: 'GET api tokens', allowed: 'admin', ok: 200, run: (a) => inject({ url: '/api/v1/api-tokens', headers: a.headers }) },
    { name: 'DELETE api token', allowed: 'admin', ok: 200, run: (a) => inject({ method: 'DELETE', url: `/api/v1/api-tokens/${own.get(a.label)!.apiTokenId}`, headers: a.headers }) },
    { name: 'GET jobs', allowed: 'admin', ok: 200, run: (a) => inject({ url: '/api/v1/jobs', headers: a.headers }) },
  ];

  const may = (action: Action, a: ActorUnderTest) =>
    action.allowed === 'everyone' || (action.allowed === 'users' ? a.user : a.role === 'owner' || a.role === 'admin');

  it('answers each role and access level as the rule says', async () => {
    const expected: Record<string, Record<string, number>> = {};
    const actual: Record<string, Record<string, number>> = {};
    for (const action of actions) {
      expected[action.name] = {};
      actual[action.name] = {};
      for (const [i, a] of actors.entries()) {
        expected[action.name][a.label] = may(action, a) ? action.ok : 403;
        const res = await action.run(a, i);
        actual[action.name][a.label] = res.statusCode;
      }
    }
    expect(actual).toEqual(expected);
  });
});
