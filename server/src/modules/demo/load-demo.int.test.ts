import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';

describeEachDriver('demo workspace', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(driver);
  });
  afterAll(() => t.close());

  it('loads a living Spanish inbox on an empty installation, signs in, and refuses a second time', async () => {
    const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/demo' });
    expect(res.statusCode, res.body).toBe(201);
    const demo = res.json();
    const cookie = res.cookies.find((c) => c.name === 'atiende_session')!;
    const headers = { cookie: `atiende_session=${cookie.value}` };
    const list = (await t.server.app.inject({ method: 'GET', url: '/api/v1/conversations?limit=100', headers })).json().items;
    expect(new Set(list.map((c: any) => c.status))).toEqual(new Set(['bot', 'queued', 'open', 'snoozed', 'closed']));
    expect(list.some((c: any) => c.closingNote?.category === 'Venta concretada')).toBe(true);
    expect(list.find((c: any) => c.contact.name === 'Ricardo Bello')).toMatchObject({ priority: 'high', tags: ['soporte'], team: { name: 'Soporte' } });
    const bots = (await t.server.app.inject({ method: 'GET', url: '/api/v1/bots', headers })).json().items;
    expect(bots).toMatchObject([{ name: 'Eva', kind: 'builtin', intentCount: 7, channels: [{ botEnabled: true }] }]);
    const snippets = (await t.server.app.inject({ method: 'GET', url: '/api/v1/snippets', headers })).json().items;
    expect(snippets.map((s: { shortcut: string }) => s.shortcut).sort()).toEqual(['central', 'cierre', 'investigando']);
    const ricardo = list.find((c: any) => c.contact.name === 'Ricardo Bello');
    const investigating = snippets.find((s: { shortcut: string }) => s.shortcut === 'investigando');
    const rendered = (await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${ricardo.id}/snippets/${investigating.id}/render`, headers })).json();
    expect(rendered.body).toMatch(/^Estimado\(a\) Ricardo, .* desde el departamento Soporte \(Gonzalo Molina\) seguimos investigando/);
    const teams = (await t.server.app.inject({ method: 'GET', url: '/api/v1/teams', headers })).json();
    expect(JSON.stringify(teams)).toMatch(/Ventas/);
    const login = await t.server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demo.otherUsers[0], password: demo.password } });
    expect(login.statusCode).toBe(200);
    expect((await t.server.app.inject({ method: 'POST', url: '/api/v1/demo' })).statusCode).toBe(409);
  });
});
