import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, type Session } from '../../../test/fixtures.js';
import { observeQueries, queryRows } from '../../platform/db/db.js';
import { events } from '../../platform/events/events.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { contactIdentities } from './contacts.tables.js';
import { contactSearchCondition, findOrCreateContactByIdentity } from './contacts.repo.js';

type Who = { headers: Record<string, string> };

describeEachDriver('contacts API', (driver) => {
  let t: TestApp;
  let owner: Session;
  let supervisor: Session;
  let agent: Session;
  let other: Session;
  let workspaceId: number;

  const call = (who: Who | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const create = async (who: Who, body: Record<string, unknown>) => {
    const res = await call(who, 'POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const eventsOf = (type: string) => t.ctx.db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.type, type)));

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ workspaceId, owner } = await createWorkspace(t));
    supervisor = await createMember(t, owner, { role: 'supervisor', accessLevel: 'all' });
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned' });
    ({ owner: other } = await createWorkspace(t));
  });
  afterAll(() => t?.close());

  it('creates a contact with normalised fields and emits contact.created', async () => {
    const body = await create(agent, {
      name: ' Ana Pérez ',
      phone: '+58 (414) 123-4567',
      email: ' Ana.Perez@Example.COM ',
      documentNumber: 'V-12.345.678',
      language: 'es',
      customFields: { plan: 'oro', age: 41, vip: true, dropped: null },
      tags: ['vip', ' vip ', 'mora'],
    });
    expect(body).toMatchObject({
      name: 'Ana Pérez', phone: '+584141234567', email: 'ana.perez@example.com', documentNumber: 'V-12.345.678', language: 'es',
      customFields: { plan: 'oro', age: 41, vip: true }, tags: ['vip', 'mora'],
    });
    expect(body.customFields).not.toHaveProperty('dropped');
    const created = await eventsOf('contact.created');
    expect(created.some((e) => (e.payload.contact as { id: number }).id === body.id && e.actorId === agent.userId)).toBe(true);
  });

  it('keeps a phone it cannot normalise as given', async () => {
    expect((await create(owner, { name: 'Ext', phone: '0212-555-1234 ext 9' })).phone).toBe('0212-555-1234 ext 9');
  });

  it.each([
    [{ email: 'not-an-email' }, 'body.email'],
    [{ language: 'español!' }, 'body.language'],
    [{ customFields: { nested: { a: 1 } } }, 'body.customFields.nested'],
    [{ tags: [''] }, 'body.tags.0'],
    [{ name: 42 }, 'body.name'],
  ])('refuses %j naming %s', async (payload, field) => {
    const res = await call(owner, 'POST', '/api/v1/contacts', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(field);
  });

  it('refuses a limit over 100 and a malformed cursor, naming them', async () => {
    const limit = await call(owner, 'GET', '/api/v1/contacts?limit=101');
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.message).toContain('querystring.limit');
    const cursor = await call(owner, 'GET', '/api/v1/contacts?cursor=abc');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.message).toContain('querystring.cursor');
  });

  it('asks for authentication', async () => {
    expect((await call(null, 'GET', '/api/v1/contacts')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/v1/contacts', { name: 'x' })).statusCode).toBe(401);
  });

  it('works with an API token', async () => {
    const token = await createApiToken(t, owner);
    const body = await create({ headers: { authorization: `Bearer ${token}` } }, { name: 'From the integration' });
    expect(body.name).toBe('From the integration');
  });

  it('shows a contact with its channel identities', async () => {
    const channel = await call(owner, 'POST', '/api/v1/channels', { type: 'api', name: 'API', config: { outboundUrl: 'https://example.com/out' } });
    expect(channel.statusCode, channel.body).toBe(201);
    const channelId = channel.json().id as number;
    const { contactId } = await t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId: 'cust-77', name: 'Luis' }));
    const res = await call(agent, 'GET', `/api/v1/contacts/${contactId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: contactId, name: 'Luis', identities: [{ channelId, channelType: 'api', externalId: 'cust-77' }] });
  });

  it('updates only the given fields, merging custom fields (null removes a key)', async () => {
    const c = await create(owner, { name: 'Merge', email: 'merge@example.com', customFields: { plan: 'oro', city: 'Caracas', age: 30 } });
    const res = await call(agent, 'PATCH', `/api/v1/contacts/${c.id}`, { phone: '0058 212 555 0000', email: null, customFields: { plan: 'plata', city: null, vip: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Merge', phone: '+582125550000', email: null, customFields: { plan: 'plata', age: 30, vip: false } });
    expect(res.json().customFields).not.toHaveProperty('city');
    const updated = (await eventsOf('contact.updated')).filter((e) => (e.payload.contact as { id: number }).id === c.id);
    expect(updated).toHaveLength(1);
    expect(updated[0].payload.changes).toEqual(['phone', 'email', 'customFields']);

    const same = await call(agent, 'PATCH', `/api/v1/contacts/${c.id}`, { name: 'Merge', customFields: { city: null } });
    expect(same.statusCode).toBe(200);
    expect((await eventsOf('contact.updated')).filter((e) => (e.payload.contact as { id: number }).id === c.id)).toHaveLength(1);

    const bad = await call(agent, 'PATCH', `/api/v1/contacts/${c.id}`, { email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('body.email');
  });

  it('adds and removes tags, emitting contact.tagged only on a change', async () => {
    const c = await create(owner, { name: 'Tags', tags: ['vip'] });
    const added = await call(agent, 'POST', `/api/v1/contacts/${c.id}/tags`, { tags: ['cliente VIP', 'vip', 'mora'] });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().tags).toEqual(['vip', 'cliente VIP', 'mora']);
    const again = await call(agent, 'POST', `/api/v1/contacts/${c.id}/tags`, { tags: ['mora'] });
    expect(again.json().tags).toEqual(['vip', 'cliente VIP', 'mora']);
    const removed = await call(agent, 'DELETE', `/api/v1/contacts/${c.id}/tags/${encodeURIComponent('cliente VIP')}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().tags).toEqual(['vip', 'mora']);
    const tagged = (await eventsOf('contact.tagged')).filter((e) => e.payload.contactId === c.id).map((e) => e.payload);
    expect(tagged).toEqual([
      { contactId: c.id, added: ['cliente VIP', 'mora'], removed: [], tags: ['vip', 'cliente VIP', 'mora'] },
      { contactId: c.id, added: [], removed: ['cliente VIP'], tags: ['vip', 'mora'] },
    ]);
    expect((await call(agent, 'POST', `/api/v1/contacts/${c.id}/tags`, { tags: [] })).statusCode).toBe(400);
  });

  it('lets supervisors and up delete, refuses agents, and refuses contacts with conversations', async () => {
    const c = await create(owner, { name: 'Delete me' });
    expect((await call(agent, 'DELETE', `/api/v1/contacts/${c.id}`)).statusCode).toBe(403);
    const ok = await call(supervisor, 'DELETE', `/api/v1/contacts/${c.id}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(owner, 'GET', `/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await eventsOf('contact.deleted')).some((e) => e.payload.contactId === c.id)).toBe(true);

    const channelId = (await call(owner, 'POST', '/api/v1/channels', { type: 'api', name: 'API 2', config: { outboundUrl: 'https://example.com/out' } })).json().id as number;
    const { contactId } = await t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId: 'with-history' }));
    await t.ctx.db.insert(conversations).values({ workspaceId, contactId, channelId, status: 'open' });
    const refused = await call(owner, 'DELETE', `/api/v1/contacts/${contactId}`);
    expect(refused.statusCode).toBe(409);
    expect((await call(owner, 'GET', `/api/v1/contacts/${contactId}`)).statusCode).toBe(200);
    expect(await t.ctx.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, contactId))).toHaveLength(1);
  });

  it('deletes the identities with the contact', async () => {
    const channelId = (await call(owner, 'POST', '/api/v1/channels', { type: 'api', name: 'API 3', config: { outboundUrl: 'https://example.com/out' } })).json().id as number;
    const { contactId } = await t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId: 'no-history' }));
    expect((await call(owner, 'DELETE', `/api/v1/contacts/${contactId}`)).statusCode).toBe(200);
    expect(await t.ctx.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, contactId))).toHaveLength(0);
  });

  it('hides contacts of another workspace (404) and never lists them', async () => {
    const c = await create(owner, { name: 'Secreto', email: 'secreto@example.com', tags: ['x'] });
    for (const [method, url, payload] of [
      ['GET', `/api/v1/contacts/${c.id}`, undefined],
      ['PATCH', `/api/v1/contacts/${c.id}`, { name: 'hijacked' }],
      ['DELETE', `/api/v1/contacts/${c.id}`, undefined],
      ['POST', `/api/v1/contacts/${c.id}/tags`, { tags: ['y'] }],
      ['DELETE', `/api/v1/contacts/${c.id}/tags/x`, undefined],
    ] as const) {
      const res = await call(other, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await call(other, 'GET', '/api/v1/contacts?q=secreto');
    expect(list.json().items).toEqual([]);
    expect((await call(owner, 'GET', `/api/v1/contacts/${c.id}`)).json()).toMatchObject({ name: 'Secreto', tags: ['x'] });
  });
});

describeEachDriver('contacts list and search', (driver) => {
  let t: TestApp;
  let owner: Session;
  const ids: Record<string, number> = {};

  const list = async (query: string) => {
    const res = await t.server.app.inject({ method: 'GET', url: `/api/v1/contacts?${query}`, headers: owner.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Array<{ id: number; name: string }>; nextCursor: string | null };
  };
  const names = async (query: string) => (await list(query)).items.map((c) => c.name).sort();

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    const people = [
      { name: 'Ana Pérez', phone: '+58 414 123 4567', email: 'ana@correo.com', documentNumber: 'V-11111111', tags: ['vip'] },
      { name: 'Bruno Díaz', phone: '+56 9 8765 4321', email: 'bruno@empresa.cl', documentNumber: '12.345.678-9', tags: ['mora', 'vip'] },
      { name: 'Carla Gómez', phone: null, email: 'CARLA_G@Example.com', documentNumber: 'E-99', tags: [] },
      { name: 'Diego 100% Real', phone: '+1 415 555 0100', email: null, documentNumber: null, tags: ['mora'] },
      { name: 'Elena', phone: null, email: null, documentNumber: null, tags: [] },
    ];
    for (const p of people) {
      const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: owner.headers, payload: p });
      expect(res.statusCode, res.body).toBe(201);
      ids[p.name] = res.json().id;
    }
  });
  afterAll(() => t?.close());

  it('pages newest first with a cursor until nextCursor is null', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Object.values(ids).sort((a, b) => b - a));
  });

  it.each([
    ['name, any case and accents as typed', 'q=p%C3%A9rez', ['Ana Pérez']],
    ['partial name', 'q=carl', ['Carla Gómez']],
    ['phone digits', 'q=8765', ['Bruno Díaz']],
    ['phone as people type it', `q=${encodeURIComponent('+58 414 123')}`, ['Ana Pérez']],
    ['email (stored lowercased)', 'q=carla_g%40example', ['Carla Gómez']],
    ['email domain', 'q=empresa.cl', ['Bruno Díaz']],
    ['document number', 'q=V-1111', ['Ana Pérez']],
    ['document number with dots', 'q=345.678', ['Bruno Díaz']],
    ['LIKE wildcards are literal', 'q=100%25', ['Diego 100% Real']],
    ['% is literal, not a wildcard', 'q=a%25z', []],
    ['_ is literal, not a wildcard', 'q=o_1', []],
    ['tag', 'tag=mora', ['Bruno Díaz', 'Diego 100% Real']],
    ['tag and search', 'tag=vip&q=bruno', ['Bruno Díaz']],
    ['nothing', 'q=zzzz', []],
  ])('finds by %s', async (_what, query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('runs one query for the page whatever its size', async () => {
    const count = async (query: string) => {
      let n = 0;
      const stop = observeQueries((q) => {
        if (/from "contacts"/i.test(q)) n++;
      });
      try {
        await list(query);
      } finally {
        stop();
      }
      return n;
    };
    expect(await count('limit=1')).toBe(1);
    expect(await count('limit=100&q=a&tag=vip')).toBe(1);
  });

  it('searches through the trigram index (the same expression as contacts_search_trgm)', async () => {
    for (const q of ['perez', '+58 414 123']) {
      const plan = await t.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        return queryRows<{ 'QUERY PLAN': string }>(tx as never, sql`EXPLAIN SELECT id FROM contacts WHERE ${contactSearchCondition(q)}`);
      });
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('contacts_search_trgm');
    }
  });
});
