import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { events } from '../../platform/events/events.tables.js';
import { conversations } from '../conversations/conversations.tables.js';
import { channels } from './channels.tables.js';
import { loadChannelWithSecrets } from './load-channel.js';
import { findOrCreateContactByIdentity } from '../contacts/contacts.repo.js';

type Who = { headers: Record<string, string> };
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describeEachDriver('channels API', (driver) => {
  let t: TestApp;
  let workspaceId: number;
  let owner: Session;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  let other: Session;
  let teamId: number;
  let otherTeamId: number;
  /** Every secret the tests have seen, to prove none of them leaks anywhere. */
  const secrets: string[] = [];
  /** Every response body other than the one creation or rotation answer that carries a secret. */
  const bodies: string[] = [];

  const call = async (who: Who | null, method: Method, url: string, payload?: unknown) => {
    const res = await t.server.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
    return res;
  };
  const quiet = async (who: Who | null, method: Method, url: string, payload?: unknown) => {
    const res = await call(who, method, url, payload);
    bodies.push(res.body);
    return res;
  };
  const apiConfig = { outboundUrl: 'https://crm.example.com/atiende' };
  const createChannel = async (who: Who = owner, body: Record<string, unknown> = {}) => {
    const res = await call(who, 'POST', '/api/v1/channels', { type: 'api', name: 'Integración CRM', config: apiConfig, ...body });
    expect(res.statusCode, res.body).toBe(201);
    secrets.push(res.json().secret);
    return res.json();
  };
  const storedRow = async (id: number) => (await t.ctx.db.select().from(channels).where(eq(channels.id, id)))[0];

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ workspaceId, owner } = await createWorkspace(t));
    admin = await createMember(t, owner, { role: 'admin', accessLevel: 'all' });
    supervisor = await createMember(t, owner, { role: 'supervisor', accessLevel: 'all' });
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'team' });
    teamId = await createTeam(t, owner, 'Ventas');
    let otherWs: number;
    ({ workspaceId: otherWs, owner: other } = await createWorkspace(t));
    expect(otherWs).not.toBe(workspaceId);
    otherTeamId = await createTeam(t, other, 'Ventas');
  });
  afterAll(() => t?.close());

  it('creates an api channel, shows its secret once and seals it at rest', async () => {
    const body = await createChannel(admin, { defaultTeamId: teamId, botEnabled: true });
    expect(body).toMatchObject({
      type: 'api', name: 'Integración CRM', config: apiConfig, defaultTeamId: teamId, botEnabled: true, active: true, hasSecret: true,
      webhookUrl: `${t.config.publicUrl}/hooks/api/${body.id}`,
    });
    expect(body.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const row = await storedRow(body.id);
    expect(row.secretsCiphertext).toBeTruthy();
    expect(row.secretsCiphertext).not.toContain(body.secret);
    expect(JSON.stringify(row.config)).not.toContain(body.secret);
    expect(t.ctx.secrets.open(row.secretsCiphertext!)).toEqual({ hmacSecret: body.secret });

    const loaded = await loadChannelWithSecrets(t.ctx, body.id);
    expect(loaded).toMatchObject({ id: body.id, workspaceId, type: 'api', config: apiConfig, secrets: { hmacSecret: body.secret }, defaultTeamId: teamId, botEnabled: true, active: true });
    expect(await loadChannelWithSecrets(t.ctx, 999_999)).toBeNull();

    const created = await t.ctx.db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.type, 'channel.created')));
    expect(created.map((e) => (e.payload.channel as { id: number }).id)).toContain(body.id);
  });

  it('keeps a secret the admin supplies', async () => {
    const mine = 'a-secret-the-integration-already-has-0123';
    const body = await createChannel(owner, { secrets: { hmacSecret: mine } });
    secrets.push(mine);
    expect(body.secret).toBe(mine);
    expect((await loadChannelWithSecrets(t.ctx, body.id))!.secrets).toEqual({ hmacSecret: mine });
  });

  it('never returns the secret from GET, list, PATCH or DELETE', async () => {
    const { id, secret } = await createChannel();
    const got = await quiet(agent, 'GET', `/api/v1/channels/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id, hasSecret: true, webhookUrl: `${t.config.publicUrl}/hooks/api/${id}` });
    expect(got.json()).not.toHaveProperty('secret');
    expect(got.json()).not.toHaveProperty('secrets');
    const listed = await quiet(agent, 'GET', '/api/v1/channels');
    expect(listed.json().items.map((c: { id: number }) => c.id)).toContain(id);
    expect((await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { name: 'Renamed' })).statusCode).toBe(200);
    expect((await quiet(owner, 'DELETE', `/api/v1/channels/${id}`)).statusCode).toBe(200);
    for (const body of bodies) expect(body).not.toContain(secret);
  });

  it('replaces secrets through PATCH without echoing them', async () => {
    const { id } = await createChannel();
    const replacement = 'replacement-secret-value-0123456789';
    secrets.push(replacement);
    const res = await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { secrets: { hmacSecret: replacement } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(replacement);
    expect((await loadChannelWithSecrets(t.ctx, id))!.secrets).toEqual({ hmacSecret: replacement });
    const short = await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { secrets: { hmacSecret: 'too-short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('body.secrets.hmacSecret');
    expect(short.body).not.toContain('too-short');
    const updated = await t.ctx.db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.type, 'channel.updated')));
    expect(updated.some((e) => (e.payload.channel as { id: number }).id === id && (e.payload.changes as string[]).includes('secrets'))).toBe(true);
  });

  it('rotates the secret: the new one is shown once and the old one stops working', async () => {
    const { id, secret: old } = await createChannel();
    const res = await call(admin, 'POST', `/api/v1/channels/${id}/rotate-secret`);
    expect(res.statusCode, res.body).toBe(200);
    const fresh = res.json().secret as string;
    secrets.push(fresh);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(fresh).not.toBe(old);
    expect(res.body).not.toContain(old);
    expect((await loadChannelWithSecrets(t.ctx, id))!.secrets).toEqual({ hmacSecret: fresh });
    expect((await quiet(owner, 'GET', `/api/v1/channels/${id}`)).body).not.toContain(fresh);
  });

  it.each([
    [{ config: {} }, 'body.config.outboundUrl'],
    [{ config: { outboundUrl: 'ftp://example.com/x' } }, 'body.config.outboundUrl'],
    [{ config: { outboundUrl: 'https://example.com', outboundTimeoutMs: 'slow' } }, 'body.config.outboundTimeoutMs'],
    [{ type: 'fax' }, 'body.type'],
    [{ name: '' }, 'body.name'],
    [{ config: 'https://example.com' }, 'body.config'],
  ])('refuses %j naming %s', async (override, field) => {
    const res = await quiet(owner, 'POST', '/api/v1/channels', { type: 'api', name: 'Bad', config: apiConfig, ...override });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(field);
  });

  it('refuses a default team of another workspace, naming the field, and writes nothing', async () => {
    const before = (await t.ctx.db.select().from(channels)).length;
    const res = await quiet(owner, 'POST', '/api/v1/channels', { type: 'api', name: 'Bad team', config: apiConfig, defaultTeamId: otherTeamId });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('body.defaultTeamId');
    expect((await t.ctx.db.select().from(channels)).length).toBe(before);
    const { id } = await createChannel();
    const patch = await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { defaultTeamId: otherTeamId });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.message).toContain('body.defaultTeamId');
  });

  it('merges config on PATCH and validates the result for the type', async () => {
    const { id } = await createChannel();
    const res = await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { config: { outboundTimeoutMs: 3000 }, defaultTeamId: teamId, botEnabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ config: { ...apiConfig, outboundTimeoutMs: 3000 }, defaultTeamId: teamId, botEnabled: true });
    const removeRequired = await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { config: { outboundUrl: null } });
    expect(removeRequired.statusCode).toBe(400);
    expect(removeRequired.json().error.message).toContain('body.config.outboundUrl');
    const cleared = await quiet(owner, 'PATCH', `/api/v1/channels/${id}`, { config: { outboundTimeoutMs: null }, defaultTeamId: null });
    expect(cleared.json()).toMatchObject({ config: apiConfig, defaultTeamId: null });
    const changes = (await t.ctx.db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.type, 'channel.updated'))).orderBy(events.id))
      .filter((e) => (e.payload.channel as { id: number }).id === id)
      .map((e) => e.payload.changes);
    expect(changes).toEqual([['config', 'defaultTeamId', 'botEnabled'], ['config', 'defaultTeamId']]);
  });

  it('DELETE deactivates the channel and keeps its conversations', async () => {
    const { id } = await createChannel();
    const { contactId } = await t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId: id, externalId: 'c-1' }));
    const [conv] = await t.ctx.db.insert(conversations).values({ workspaceId, contactId, channelId: id, status: 'open' }).returning({ id: conversations.id });
    const res = await quiet(admin, 'DELETE', `/api/v1/channels/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, active: false });
    expect((await quiet(agent, 'GET', `/api/v1/channels/${id}`)).json().active).toBe(false);
    expect(await t.ctx.db.select().from(conversations).where(eq(conversations.id, conv.id))).toHaveLength(1);
    expect((await loadChannelWithSecrets(t.ctx, id))!.active).toBe(false);
    expect((await quiet(admin, 'PATCH', `/api/v1/channels/${id}`, { active: true })).json().active).toBe(true);
  });

  it('permission matrix: everyone reads, only owners and admins (and admin tokens) write', async () => {
    const { id } = await createChannel();
    const agentToken = await createApiToken(t, owner, { role: 'agent' });
    const adminToken = await createApiToken(t, owner, { role: 'admin' });
    const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    const actors: Array<[string, Who, boolean]> = [
      ['owner', owner, true], ['admin', admin, true], ['supervisor', supervisor, false], ['agent', agent, false],
      ['admin token', bearer(adminToken), true], ['agent token', bearer(agentToken), false],
    ];
    for (const [name, who, canManage] of actors) {
      expect((await quiet(who, 'GET', '/api/v1/channels')).statusCode, `${name} list`).toBe(200);
      expect((await quiet(who, 'GET', `/api/v1/channels/${id}`)).statusCode, `${name} get`).toBe(200);
      const created = await call(who, 'POST', '/api/v1/channels', { type: 'api', name: `By ${name}`, config: apiConfig });
      expect(created.statusCode, `${name} create`).toBe(canManage ? 201 : 403);
      if (created.statusCode === 201) secrets.push(created.json().secret);
      else bodies.push(created.body);
      expect((await quiet(who, 'PATCH', `/api/v1/channels/${id}`, { name: `Touched by ${name}` })).statusCode, `${name} update`).toBe(canManage ? 200 : 403);
      const rotated = await call(who, 'POST', `/api/v1/channels/${id}/rotate-secret`);
      expect(rotated.statusCode, `${name} rotate`).toBe(canManage ? 200 : 403);
      if (rotated.statusCode === 200) secrets.push(rotated.json().secret);
      expect((await quiet(who, 'DELETE', `/api/v1/channels/${id}`)).statusCode, `${name} deactivate`).toBe(canManage ? 200 : 403);
    }
    expect((await call(null, 'GET', '/api/v1/channels')).statusCode).toBe(401);
  });

  it('hides channels of another workspace (404) and never lists them', async () => {
    const { id, name } = await createChannel();
    for (const [method, url, payload] of [
      ['GET', `/api/v1/channels/${id}`, undefined],
      ['PATCH', `/api/v1/channels/${id}`, { name: 'hijacked' }],
      ['POST', `/api/v1/channels/${id}/rotate-secret`, undefined],
      ['DELETE', `/api/v1/channels/${id}`, undefined],
    ] as const) {
      expect((await quiet(other, method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await quiet(other, 'GET', '/api/v1/channels')).json().items.map((c: { id: number }) => c.id)).not.toContain(id);
    expect(await storedRow(id)).toMatchObject({ name, active: true });
  });

  it('pages the list by id with a cursor', async () => {
    const all = (await quiet(owner, 'GET', '/api/v1/channels?limit=200')).json();
    expect(all.nextCursor).toBeNull();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: number }>; nextCursor: string | null } = (await quiet(owner, 'GET', `/api/v1/channels?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c: { id: number }) => c.id));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  // Runs last: every secret seen above, against every other response and every event payload.
  it('never leaks a secret into another response or into the event log', async () => {
    expect(secrets.length).toBeGreaterThan(8);
    const payloads = (await t.ctx.db.select().from(events)).map((e) => JSON.stringify(e.payload)).join('\n');
    const responses = bodies.join('\n');
    for (const secret of secrets) {
      expect(responses).not.toContain(secret);
      expect(payloads).not.toContain(secret);
    }
  });
});
