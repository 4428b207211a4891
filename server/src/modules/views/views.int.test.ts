import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('saved views', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;
  let otherAgent: Session;

  const http = (s: Session | Record<string, string>, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: 'headers' in s ? (s as Session).headers : (s as Record<string, string>), ...(payload === undefined ? {} : { payload: payload as object }) });
  const names = async (s: Session) => (await http(s, 'GET', '/api/v1/views')).json().items.map((v: { name: string; mine: boolean }) => `${v.mine ? 'mine' : 'theirs'}:${v.name}`);

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all', name: 'Supervisor General' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all', name: 'Ventas Uno' });
    otherAgent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'all', name: 'Ventas Dos' });
  });
  afterAll(() => t.close());

  it('saves filters in the list query\'s string form; shared views show to everyone, private ones only to their owner', async () => {
    const created = await http(agent, 'POST', '/api/v1/views', {
      name: 'Mis urgentes', filters: { status: ['open', 'queued'], assigneeId: 'me', priority: 'urgent', channelId: 3 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(Number), name: 'Mis urgentes', shared: false, mine: true, owner: { id: agent.userId, name: 'Ventas Uno' },
      filters: { status: 'open,queued', assigneeId: 'me', priority: 'urgent', channelId: '3' },
    });
    const shared = await http(admin, 'POST', '/api/v1/views', { name: 'Maracaibo sin asignar', filters: { assigneeId: 'none', tag: 'maracaibo', q: 'vuelo', from: '2024-01-01T00:00:00Z', mentioned: 'me' }, shared: true });
    expect(shared.statusCode).toBe(201);
    expect(shared.json().filters).toEqual({ assigneeId: 'none', tag: 'maracaibo', q: 'vuelo', from: '2024-01-01T00:00:00Z', mentioned: 'me' });
    await http(otherAgent, 'POST', '/api/v1/views', { name: 'Privada de otro', filters: {} });

    expect(await names(agent)).toEqual(['mine:Mis urgentes', 'theirs:Maracaibo sin asignar']);
    expect(await names(admin)).toEqual(['mine:Maracaibo sin asignar']);
    expect(await names(otherAgent)).toEqual(['mine:Privada de otro', 'theirs:Maracaibo sin asignar']);
    const seen = (await http(agent, 'GET', '/api/v1/views')).json().items[1];
    expect(seen).toMatchObject({ shared: true, mine: false, owner: { id: admin.userId, name: 'Supervisor General' } });
  });

  it('validates filters with the conversation list\'s own rules, naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ status: 'open,archived' }, 'body.filters.status'],
      [{ assigneeId: 'someone' }, 'body.filters.assigneeId'],
      [{ priority: 'asap' }, 'body.filters.priority'],
      [{ from: 'ayer' }, 'body.filters.from'],
      [{ channelId: -1 }, 'body.filters.channelId'],
      [{ mentioned: 'you' }, 'body.filters.mentioned'],
    ];
    for (const [filters, field] of cases) {
      const res = await http(agent, 'POST', '/api/v1/views', { name: 'mala', filters });
      expect(res.statusCode, JSON.stringify(filters)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.map((d: { field: string }) => d.field), JSON.stringify(filters)).toContain(field);
    }
    const unknownKey = await http(agent, 'POST', '/api/v1/views', { name: 'mala', filters: { cursor: 'abc' } });
    expect(unknownKey.statusCode).toBe(400);
    expect((await http(agent, 'POST', '/api/v1/views', { name: '  ', filters: {} })).json().error.details[0].field).toBe('body.name');
    expect((await http(agent, 'GET', '/api/v1/views')).json().items.map((v: any) => v.name)).not.toContain('mala');
  });

  it('a shared view is read-only for other members, editable by its owner and by admins; a private one does not exist for others', async () => {
    const [mine, shared] = (await http(agent, 'GET', '/api/v1/views')).json().items;
    expect((await http(agent, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'mía' })).statusCode).toBe(403);
    expect((await http(agent, 'DELETE', `/api/v1/views/${shared.id}`)).statusCode).toBe(403);
    for (const who of [otherAgent, admin, ws.owner]) {
      expect((await http(who, 'PATCH', `/api/v1/views/${mine.id}`, { name: 'robada' })).statusCode).toBe(404);
      expect((await http(who, 'DELETE', `/api/v1/views/${mine.id}`)).statusCode).toBe(404);
    }

    const renamed = await http(agent, 'PATCH', `/api/v1/views/${mine.id}`, { name: 'Urgentes', filters: { status: 'open' }, shared: true });
    expect(renamed.json()).toMatchObject({ name: 'Urgentes', filters: { status: 'open' }, shared: true, mine: true });
    expect((await http(agent, 'PATCH', `/api/v1/views/${mine.id}`, { filters: { status: 'nope' } })).statusCode).toBe(400);
    expect(await names(otherAgent)).toContain('theirs:Urgentes');

    // The owner (an admin too) edits the shared view of an agent.
    const byOwner = await http(ws.owner, 'PATCH', `/api/v1/views/${mine.id}`, { name: 'Urgentes (equipo)' });
    expect(byOwner.json()).toMatchObject({ name: 'Urgentes (equipo)', mine: false, owner: { id: agent.userId } });
    expect((await http(admin, 'DELETE', `/api/v1/views/${mine.id}`)).json()).toEqual({ id: mine.id, deleted: true });
    expect(await names(agent)).toEqual(['theirs:Maracaibo sin asignar']);
    expect((await http(admin, 'DELETE', `/api/v1/views/${mine.id}`)).statusCode).toBe(404);

    const types = (await eventsOfType(t, ws.workspaceId, 'view.updated')).map((e) => e.payload);
    expect(types.at(-1)).toEqual({ viewId: mine.id, ownerId: agent.userId, shared: true });
    expect((await eventsOfType(t, ws.workspaceId, 'view.created')).length).toBe(3);
    expect((await eventsOfType(t, ws.workspaceId, 'view.deleted'))[0].payload).toMatchObject({ viewId: mine.id });
  });

  it('other workspaces never see or touch these views; API tokens read shared views but save none', async () => {
    const shared = (await http(agent, 'GET', '/api/v1/views')).json().items[0];
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', '/api/v1/views')).json().items).toEqual([]);
    expect((await http(other.owner, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await http(other.owner, 'DELETE', `/api/v1/views/${shared.id}`)).statusCode).toBe(404);

    const token = { authorization: `Bearer ${await createApiToken(t, ws.owner, { role: 'agent' })}` };
    expect((await http(token, 'GET', '/api/v1/views')).json().items.map((v: any) => v.name)).toEqual(['Maracaibo sin asignar']);
    expect((await http(token, 'POST', '/api/v1/views', { name: 'api', filters: {} })).statusCode).toBe(400);
    expect((await http(token, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'api' })).statusCode).toBe(403);
  });

  it('documents this session\'s inbox routes in the OpenAPI document', async () => {
    const res = await t.server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const [path, method] of [
      ['/api/v1/views', 'post'], ['/api/v1/views/{id}', 'patch'], ['/api/v1/snippets', 'get'], ['/api/v1/snippets/{id}', 'delete'],
      ['/api/v1/conversations/{id}/snippets/{snippetId}/render', 'post'], ['/api/v1/conversations/counts', 'get'], ['/api/v1/conversations/{id}/read', 'post'],
      ['/api/v1/messages/{id}/retry', 'post'], ['/api/v1/contact-fields', 'post'], ['/api/v1/contact-fields/{id}', 'patch'],
    ]) expect(doc.paths[path], `${method} ${path}`).toHaveProperty(method);
    const body = doc.paths['/api/v1/views'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties.filters.properties ?? {})).toEqual(expect.arrayContaining(['status', 'assigneeId', 'mentioned']));
    expect(doc.paths['/api/v1/conversations'].get.parameters.map((p: { name: string }) => p.name)).toContain('mentioned');
  });
});
