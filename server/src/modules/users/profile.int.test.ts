import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { queryRows } from '../../platform/db/db.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function multipart(filename: string, contentType: string, bytes: Buffer) {
  const boundary = `----atiende${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDriver('profile: preferences and avatar', (driver) => {
  let t: TestApp;
  let owner: Session;
  let workspaceId: number;
  let agent: Session;

  const http = (s: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const upload = (s: Session, filename: string, contentType: string, bytes: Buffer) => {
    const body = multipart(filename, contentType, bytes);
    return t.server.app.inject({ method: 'POST', url: '/api/v1/profile/avatar', headers: { ...s.headers, ...body.headers }, payload: body.payload });
  };
  const avatarKey = async (userId: number) => (await queryRows<{ avatar_key: string | null }>(t.ctx.db, sql`SELECT avatar_key FROM users WHERE id = ${userId}`))[0].avatar_key;
  const stored = (key: string) => fs.existsSync(path.join(t.config.storageDir, key));

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner, workspaceId } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned', name: 'Beto Agente' });
  });
  afterAll(() => t?.close());

  it('GET /profile: who I am, every notification on by default, and my status here', async () => {
    const res = await http(agent, 'GET', '/api/v1/profile');
    expect(res.statusCode).toBe(200);
    const on = { inApp: true, browser: true, sound: true };
    expect(res.json().user).toEqual({
      id: agent.userId, email: expect.stringContaining('@example.test'), name: 'Beto Agente', avatarUrl: null, language: 'es',
      notificationPreferences: { assigned: on, mentioned: on, new_message: on }, status: 'offline',
    });
  });

  it('PATCH changes only the kinds and channels given; the choice is told to my own sessions only', async () => {
    const res = await http(agent, 'PATCH', '/api/v1/profile', { notificationPreferences: { new_message: { sound: false }, mentioned: { browser: false, inApp: true } } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.notificationPreferences).toEqual({
      assigned: { inApp: true, browser: true, sound: true },
      mentioned: { inApp: true, browser: false, sound: true },
      new_message: { inApp: true, browser: true, sound: false },
    });
    const again = await http(agent, 'PATCH', '/api/v1/profile', { notificationPreferences: { new_message: { inApp: false } } });
    expect(again.json().user.notificationPreferences.new_message).toEqual({ inApp: false, browser: true, sound: false });
    expect((await http(agent, 'GET', '/api/v1/profile')).json().user.notificationPreferences.mentioned.browser).toBe(false);
    const rows = await queryRows<{ audience: number[]; payload: any }>(t.ctx.db, sql`
      SELECT audience, payload FROM events WHERE workspace_id = ${workspaceId} AND type = 'notification.preferences_changed' ORDER BY id`);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ audience: [agent.userId], payload: { userId: agent.userId, notificationPreferences: { new_message: { inApp: false } } } });
    // Nothing private went into user.updated, which every member receives.
    expect((await eventsOfType(t, workspaceId, 'user.updated')).some((e) => 'notificationPreferences' in (e.payload.changes ?? {}))).toBe(false);
  });

  it('names the invalid preference', async () => {
    const kind = await http(agent, 'PATCH', '/api/v1/profile', { notificationPreferences: { everything: { inApp: false } } });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details[0].field).toContain('body.notificationPreferences');
    const value = await http(agent, 'PATCH', '/api/v1/profile', { notificationPreferences: { assigned: { inApp: 'no' } } });
    expect(value.json().error.details[0].field).toBe('body.notificationPreferences.assigned.inApp');
  });

  it('uploads a picture: served under /users/:id/avatar with its real type, and the team sees the new URL', async () => {
    const res = await upload(agent, 'me.png', 'image/png', PNG);
    expect(res.statusCode).toBe(200);
    const url: string = res.json().user.avatarUrl;
    expect(url).toMatch(new RegExp(`^/api/v1/users/${agent.userId}/avatar\\?v=[\\w-]+$`));
    const img = await http(owner, 'GET', url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.headers['content-security-policy']).toContain('sandbox');
    expect(img.rawPayload.equals(PNG)).toBe(true);
    const member = (await http(owner, 'GET', `/api/v1/users/${agent.userId}`)).json().user;
    expect(member.avatarUrl).toBe(url);
    const [event] = (await eventsOfType(t, workspaceId, 'user.updated')).slice(-1);
    expect(event.payload).toEqual({ userId: agent.userId, changes: { avatarUrl: url } });
  });

  it('a new picture replaces the old one, whose file is removed; the type comes from the bytes, not the name', async () => {
    const oldKey = (await avatarKey(agent.userId))!;
    expect(stored(oldKey)).toBe(true);
    const res = await upload(agent, 'looks-like.png', 'image/png', GIF);
    expect(res.statusCode).toBe(200);
    const newKey = (await avatarKey(agent.userId))!;
    expect(newKey).not.toBe(oldKey);
    expect(stored(oldKey)).toBe(false);
    expect(stored(newKey)).toBe(true);
    const img = await http(agent, 'GET', res.json().user.avatarUrl);
    expect(img.headers['content-type']).toBe('image/gif');
  });

  it('refuses what is not a PNG, JPEG, WebP or GIF, and pictures over 2 MB; nothing changes', async () => {
    const keyBefore = await avatarKey(agent.userId);
    const svg = await upload(agent, 'x.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.details[0].field).toBe('file');
    const html = await upload(agent, 'x.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(400);
    const big = await upload(agent, 'big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(2 * 1_048_576)]));
    expect(big.statusCode).toBe(413);
    expect(await avatarKey(agent.userId)).toBe(keyBefore);
    const notMultipart = await http(agent, 'POST', '/api/v1/profile/avatar', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
  });

  it('an external URL (or null) replaces an uploaded picture and removes its file; our own path only comes back unchanged', async () => {
    const url = (await http(agent, 'GET', '/api/v1/profile')).json().user.avatarUrl;
    expect((await http(agent, 'PATCH', '/api/v1/profile', { avatarUrl: url, name: 'Beto B.' })).json().user).toMatchObject({ avatarUrl: url, name: 'Beto B.' });
    const forged = await http(agent, 'PATCH', '/api/v1/profile', { avatarUrl: `/api/v1/users/${owner.userId}/avatar` });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details[0].field).toBe('body.avatarUrl');
    const key = (await avatarKey(agent.userId))!;
    const external = await http(agent, 'PATCH', '/api/v1/profile', { avatarUrl: 'https://cdn.example.test/beto.png' });
    expect(external.json().user.avatarUrl).toBe('https://cdn.example.test/beto.png');
    expect(await avatarKey(agent.userId)).toBeNull();
    expect(stored(key)).toBe(false);
    expect((await http(owner, 'GET', `/api/v1/users/${agent.userId}/avatar`)).statusCode).toBe(404);
  });

  it('DELETE /profile/avatar removes the picture and its file', async () => {
    await upload(agent, 'me.png', 'image/png', PNG);
    const key = (await avatarKey(agent.userId))!;
    const res = await http(agent, 'DELETE', '/api/v1/profile/avatar');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.avatarUrl).toBeNull();
    expect(stored(key)).toBe(false);
    expect((await http(owner, 'GET', `/api/v1/users/${agent.userId}/avatar`)).statusCode).toBe(404);
    const [event] = (await eventsOfType(t, workspaceId, 'user.updated')).slice(-1);
    expect(event.payload).toEqual({ userId: agent.userId, changes: { avatarUrl: null } });
    expect((await http(agent, 'DELETE', '/api/v1/profile/avatar')).statusCode).toBe(200);
  });

  it('pictures are for members of the same workspace; profiles for signed-in users', async () => {
    const res = await upload(owner, 'o.png', 'image/png', PNG);
    const url = res.json().user.avatarUrl;
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', url)).statusCode).toBe(404);
    expect((await http({ headers: {} }, 'GET', url)).statusCode).toBe(401);
    const token = { headers: { authorization: `Bearer ${await createApiToken(t, owner)}` } };
    expect((await http(token, 'GET', url)).statusCode).toBe(200);
    expect((await http(token, 'GET', '/api/v1/profile')).statusCode).toBe(403);
    expect((await http(token, 'PATCH', '/api/v1/profile', { name: 'Robot' })).statusCode).toBe(403);
  });
});
