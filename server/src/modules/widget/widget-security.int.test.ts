import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, type Session } from '../../../test/fixtures.js';
import { clientId, createWebchatChannel, startVisitor, widgetGet, type WebchatChannel } from '../../../test/widget-fixtures.js';
import { identityHash, issueVisitorToken, VISITOR_TOKEN_HEADER } from '../channels/webchat/visitor-token.js';
import { loadChannelWithSecrets } from '../channels/load-channel.js';

describeEachDriver('widget security: identity verification, allowed domains, tokens', (driver) => {
  let t: TestApp;
  let owner: Session;
  let verified: WebchatChannel;
  let fenced: WebchatChannel;
  let open: WebchatChannel;
  const widgetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-widget-dist-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(widgetDir, 'frame.html'), '<!doctype html><title>chat</title><div id="app"></div>');
    fs.writeFileSync(path.join(widgetDir, 'loader.js'), 'console.log("loader")');
    t = await createTestApp(driver, { env: { WIDGET_DIR: widgetDir } });
    ({ owner } = await createWorkspace(t));
    verified = await createWebchatChannel(t, owner, { identityVerification: true });
    fenced = await createWebchatChannel(t, owner, { allowedDomains: ['optica.test', '*.tienda.test', 'localhost:8080'] });
    open = await createWebchatChannel(t, owner);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(widgetDir, { recursive: true, force: true });
  });

  const session = (channel: WebchatChannel, payload: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    t.server.app.inject({ method: 'POST', url: '/api/v1/widget/session', headers, payload: { channel: channel.publicToken, ...payload } });

  it('identity verification on: a site user id needs HMAC-SHA256 of it with the identity secret', async () => {
    expect((await session(verified, { user: { id: 'cliente-42' } })).statusCode).toBe(401);
    const wrong = await session(verified, { user: { id: 'cliente-42', hash: identityHash(verified.identitySecret, 'cliente-43') } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details[0].field).toBe('body.user.hash');
    const ok = await session(verified, { user: { id: 'cliente-42', hash: identityHash(verified.identitySecret, 'cliente-42'), name: 'Ana Díaz', email: 'ana@cliente.test' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ visitorId: 'id:cliente-42', contact: { name: 'Ana Díaz', email: 'ana@cliente.test' } });
    // Anonymous visitors still chat: their random id cannot be claimed by anyone else.
    expect((await session(verified)).json().visitorId).toMatch(/^anon:/);
  });

  it('a site user\'s token is not resumed without the user (they signed out), and unverified ids stop working once verification is on', async () => {
    const user = await startVisitor(t, open, { user: { id: 'u-7' } });
    expect(user.visitorId).toBe('id:u-7');
    const next = await startVisitor(t, open, { visitorToken: user.visitorToken });
    expect(next.visitorId).toMatch(/^anon:/);

    const send = (headers: Record<string, string>) => t.server.app.inject({ method: 'POST', url: '/api/v1/widget/messages', headers, payload: { id: clientId(), text: 'hola' } });
    expect((await send(user.headers)).statusCode).toBe(201);
    const patched = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${open.id}`, headers: owner.headers, payload: { config: { identityVerification: true } } });
    expect(patched.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 2100)); // the widget's channel cache
    expect((await send(user.headers)).statusCode).toBe(401);
    await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${open.id}`, headers: owner.headers, payload: { config: { identityVerification: false } } });
  });

  it('refuses forged, tampered and other channels\' tokens, and ignores an agent\'s session cookie', async () => {
    const v = await startVisitor(t, open);
    const other = (await loadChannelWithSecrets(t.ctx, fenced.id))!;
    const foreign = issueVisitorToken(other.secrets!.tokenSecret, { channelId: open.id, visitorId: v.visitorId, kind: 'anon' });
    const [body, sig] = v.visitorToken.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ c: open.id, v: 'anon:someone-else', k: 'anon' })).toString('base64url')}.${sig}`;
    for (const token of [foreign, tampered, `${body}.x`, 'garbage']) {
      const res = await t.server.app.inject({ method: 'GET', url: '/api/v1/widget/messages', headers: { [VISITOR_TOKEN_HEADER]: token } });
      expect(res.statusCode, token).toBe(401);
    }
    expect((await t.server.app.inject({ method: 'GET', url: '/api/v1/widget/messages', headers: owner.headers })).statusCode).toBe(401);
    // The token also cannot speak for another visitor on the hook path.
    const hook = await t.server.app.inject({
      method: 'POST', url: `/hooks/webchat/${open.id}`, headers: { [VISITOR_TOKEN_HEADER]: v.visitorToken },
      payload: { visitorId: 'anon:someone-else', id: clientId(), text: 'suplantación' },
    });
    expect(hook.statusCode).toBe(401);
  });

  it('allowed domains: requests from other sites are refused with 403, by Origin, by the iframe\'s page header, or by Referer', async () => {
    const host = { host: 'atiende.example' };
    expect((await session(fenced, {}, { ...host, origin: 'https://optica.test' })).statusCode).toBe(200);
    expect((await session(fenced, {}, { ...host, origin: 'https://www.tienda.test' })).statusCode).toBe(200);
    expect((await session(fenced, {}, { ...host, origin: 'http://localhost:8080' })).statusCode).toBe(200);
    expect((await session(fenced, {}, { ...host, origin: 'http://localhost:3000' })).statusCode).toBe(403);
    expect((await session(fenced, {}, { ...host, origin: 'https://tienda.test' })).statusCode).toBe(403);
    expect((await session(fenced, {}, { ...host, origin: 'https://optica.test.evil.example' })).statusCode).toBe(403);
    // The iframe calls from our own origin and names its page.
    expect((await session(fenced, {}, { ...host, origin: 'http://atiende.example', 'x-atiende-page': 'https://optica.test/lentes' })).statusCode).toBe(200);
    expect((await session(fenced, {}, { ...host, origin: 'http://atiende.example', 'x-atiende-page': 'https://evil.example/' })).statusCode).toBe(403);
    expect((await session(fenced, {}, { ...host, referer: 'https://optica.test/tienda' })).statusCode).toBe(200);
    expect((await session(fenced, {}, host)).statusCode).toBe(403); // nothing names the page
    expect((await session(open, {}, { ...host, origin: 'https://cualquiera.example' })).statusCode).toBe(200);

    const v = await startVisitor(t, fenced, { headers: { ...host, origin: 'https://optica.test' } });
    expect((await widgetGet(t, v, '/api/v1/widget/messages')).statusCode).toBe(200);
    expect((await widgetGet(t, { ...v, headers: { ...v.headers, origin: 'https://evil.example' } }, '/api/v1/widget/messages')).statusCode).toBe(403);
  });

  it('serves frame.html with a frame-ancestors policy of the allowed domains, and refuses a page of another site', async () => {
    const frame = (channel: WebchatChannel, headers: Record<string, string> = {}) =>
      t.server.app.inject({ method: 'GET', url: `/widget/frame.html?channel=${channel.publicToken}`, headers: { host: 'atiende.example', ...headers } });
    const ok = await frame(fenced, { referer: 'https://optica.test/' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<div id="app">');
    expect(ok.headers['content-security-policy']).toBe(
      "frame-ancestors 'self' https://optica.test:* http://optica.test:* https://*.tienda.test:* http://*.tienda.test:* https://localhost:8080 http://localhost:8080",
    );
    expect((await frame(fenced, { referer: 'https://evil.example/' })).statusCode).toBe(403);
    expect((await frame(open)).headers['content-security-policy']).toBe('frame-ancestors *');
    expect((await t.server.app.inject({ method: 'GET', url: '/widget/frame.html?channel=wc_nadanadanadanadanada' })).statusCode).toBe(404);
    const loader = await t.server.app.inject({ method: 'GET', url: '/widget/loader.js' });
    expect(loader.statusCode).toBe(200);
    expect(loader.body).toContain('loader');
  });
});
