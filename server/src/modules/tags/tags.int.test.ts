import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, eventTypes, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('tags and closing categories', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let agent: Session;

  const inject = (opts: object) => t.server.app.inject(opts as never);

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'assigned' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates tags, lists them by name to everyone, and refuses a duplicate', async () => {
    const created = await inject({ method: 'POST', url: '/api/v1/tags', headers: admin.headers, payload: { name: 'urgente', color: '#e03131' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().tag).toMatchObject({ name: 'urgente', color: '#e03131' });
    await inject({ method: 'POST', url: '/api/v1/tags', headers: admin.headers, payload: { name: 'garantía' } });
    const list = await inject({ url: '/api/v1/tags', headers: agent.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['garantía', 'urgente']);
    expect(list.json().items[0].color).toBe('#868e96');

    const dup = await inject({ method: 'POST', url: '/api/v1/tags', headers: admin.headers, payload: { name: 'urgente' } });
    expect(dup.statusCode).toBe(409);
    expect(await eventTypes(t, ws.workspaceId)).toContain('tag.created');
  });

  it('names the invalid field', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/tags', headers: admin.headers, payload: { name: 'rojo', color: 'red' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'body.color' }] });
    const cat = await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: admin.headers, payload: { name: '' } });
    expect(cat.json().error.details[0].field).toBe('body.name');
  });

  it('renames a tag on every contact that carries it, and deleting removes it from them', async () => {
    const tag = (await inject({ method: 'POST', url: '/api/v1/tags', headers: admin.headers, payload: { name: 'vip' } })).json().tag;
    const contact = await inject({ method: 'POST', url: '/api/v1/contacts', headers: admin.headers, payload: { name: 'Rosa', tags: ['vip', 'otra'] } });
    expect(contact.statusCode).toBe(201);
    const contactId = contact.json().id;

    const renamed = await inject({ method: 'PATCH', url: `/api/v1/tags/${tag.id}`, headers: admin.headers, payload: { name: 'cliente vip' } });
    expect(renamed.json().tag.name).toBe('cliente vip');
    expect((await inject({ url: `/api/v1/contacts/${contactId}`, headers: admin.headers })).json().tags.sort()).toEqual(['cliente vip', 'otra']);
    const [event] = await eventsOfType(t, ws.workspaceId, 'tag.updated');
    expect(event.payload).toMatchObject({ tagId: tag.id, previousName: 'vip', changes: { name: 'cliente vip' } });

    expect((await inject({ method: 'PATCH', url: `/api/v1/tags/${tag.id}`, headers: admin.headers, payload: { name: 'urgente' } })).statusCode).toBe(409);

    const deleted = await inject({ method: 'DELETE', url: `/api/v1/tags/${tag.id}`, headers: admin.headers });
    expect(deleted.json()).toEqual({ id: tag.id, deleted: true });
    expect((await inject({ url: `/api/v1/contacts/${contactId}`, headers: admin.headers })).json().tags).toEqual(['otra']);
    expect((await inject({ method: 'DELETE', url: `/api/v1/tags/${tag.id}`, headers: admin.headers })).statusCode).toBe(404);
  });

  it('manages closing categories with unique names', async () => {
    const created = await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: ws.owner.headers, payload: { name: 'Resuelto' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().closingCategory.id;
    await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: ws.owner.headers, payload: { name: 'Duplicado' } });
    expect((await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: ws.owner.headers, payload: { name: 'Resuelto' } })).statusCode).toBe(409);
    expect((await inject({ url: '/api/v1/closing-categories', headers: agent.headers })).json().items.map((c: { name: string }) => c.name)).toEqual(['Duplicado', 'Resuelto']);

    const renamed = await inject({ method: 'PATCH', url: `/api/v1/closing-categories/${id}`, headers: admin.headers, payload: { name: 'Resuelto en línea' } });
    expect(renamed.json().closingCategory.name).toBe('Resuelto en línea');
    expect((await inject({ method: 'PATCH', url: `/api/v1/closing-categories/${id}`, headers: admin.headers, payload: { name: 'Duplicado' } })).statusCode).toBe(409);
    expect((await inject({ method: 'DELETE', url: `/api/v1/closing-categories/${id}`, headers: admin.headers })).statusCode).toBe(200);
    expect((await inject({ url: '/api/v1/closing-categories', headers: agent.headers })).json().items.map((c: { name: string }) => c.name)).toEqual(['Duplicado']);
    const types = await eventTypes(t, ws.workspaceId);
    for (const type of ['closing_category.created', 'closing_category.updated', 'closing_category.deleted']) expect(types).toContain(type);
  });

  it('lets only admins write', async () => {
    const supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
    const tag = (await inject({ url: '/api/v1/tags', headers: agent.headers })).json().items[0];
    const category = (await inject({ url: '/api/v1/closing-categories', headers: agent.headers })).json().items[0];
    for (const who of [agent, supervisor]) {
      expect((await inject({ method: 'POST', url: '/api/v1/tags', headers: who.headers, payload: { name: 'mía' } })).statusCode).toBe(403);
      expect((await inject({ method: 'PATCH', url: `/api/v1/tags/${tag.id}`, headers: who.headers, payload: { name: 'mía' } })).statusCode).toBe(403);
      expect((await inject({ method: 'DELETE', url: `/api/v1/tags/${tag.id}`, headers: who.headers })).statusCode).toBe(403);
      expect((await inject({ method: 'POST', url: '/api/v1/closing-categories', headers: who.headers, payload: { name: 'mía' } })).statusCode).toBe(403);
      expect((await inject({ method: 'PATCH', url: `/api/v1/closing-categories/${category.id}`, headers: who.headers, payload: { name: 'mía' } })).statusCode).toBe(403);
      expect((await inject({ method: 'DELETE', url: `/api/v1/closing-categories/${category.id}`, headers: who.headers })).statusCode).toBe(403);
    }
    expect((await inject({ url: '/api/v1/tags', headers: agent.headers })).json().items[0]).toEqual(tag);
  });
});
