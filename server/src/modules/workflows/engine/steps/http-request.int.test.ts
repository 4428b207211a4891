import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../../test/harness.js';
import { startHttpFake, type FakeRequest } from '../../../../../test/fakes/http-fake.js';
import type { StepContext } from '../engine-types.js';
import { api, createScene, stepContext, stepOf, type Scene } from './__fixtures__/step-scene.js';
import { httpRequestStep } from './http-request.step.js';
import { sendMessageStep } from './send-message.step.js';

const TOKEN = 'tok-secreto-123';

describeEachDriver('the workflow HTTP request step', (driver) => {
  let t: TestApp;
  let crm: Awaited<ReturnType<typeof startHttpFake>>;
  const seen: FakeRequest[] = [];
  let s: Scene;

  /** The same run with the private-address guard as deployed by default (WORKFLOW_HTTP_ALLOW_PRIVATE unset). */
  const guarded = (sc: StepContext): StepContext => ({ ...sc, ctx: { ...sc.ctx, config: { ...sc.ctx.config, WORKFLOW_HTTP_ALLOW_PRIVATE: false } } });

  beforeAll(async () => {
    // The fake CRM listens on 127.0.0.1, so this suite allows private addresses, as an intranet deployment would.
    t = await createTestApp(driver, { env: { WORKFLOW_HTTP_ALLOW_PRIVATE: 'true' } });
    crm = await startHttpFake((req) => {
      seen.push(req);
      if (req.path === '/leads') return { status: 201, body: { data: { id: 'L-9', score: 7, tags: ['a', 'b'] }, items: [{ name: 'primero' }] } };
      if (req.path.startsWith('/contactos/')) return { status: 200, body: { ok: true } };
      if (req.path === '/roto') return { status: 500, raw: `Internal error: ${'x'.repeat(1000)}` };
      if (req.path === '/lento') return 'hang';
      if (req.path === '/redirige') return { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } };
      return { status: 404, body: {} };
    });
    s = await createScene(t);
    await api(t).ok(s.owner, 'PATCH', `/api/v1/contacts/${s.contactId}`, { phone: '+58 412 555 0101', customFields: { plan: 'Oro' } });
  });
  afterAll(async () => {
    await t?.close();
    await crm?.close();
  });

  it('sends the rendered body and headers, and saves the values the step names from a 2xx answer', async () => {
    seen.length = 0;
    const sc = await stepContext(t, s, { vars: { total: 12, token: TOKEN, origen: 'web\r\nX-Inyectada: 1' } });
    const step = stepOf({
      type: 'http_request', method: 'POST', url: `${crm.base}/leads`,
      headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }, { name: 'X-Origen', value: 'atiende {{origen}}' }],
      body: { nombre: '{{contact.name}}', total: '{{vars.total}}', plan: 'Plan {{contact.fields.plan}}', telefono: '{{contact.phone}}' },
      saveResponse: [{ path: 'data.id', variable: 'leadId' }, { path: 'data.score', variable: 'score' }, { path: 'items.0.name', variable: 'primero' }, { path: 'data.falta', variable: 'falta' }],
    });
    const result = await httpRequestStep.run(sc, step);
    expect(result).toEqual({ kind: 'next', vars: { leadId: 'L-9', score: 7, primero: 'primero' }, detail: { status: 201, ms: expect.any(Number), missing: ['data.falta'] } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', json: { nombre: 'Ana Díaz', total: 12, plan: 'Plan Oro', telefono: '+584125550101' } });
    expect(seen[0].headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-origen': 'atiende webX-Inyectada: 1' });
    expect(seen[0].headers['x-inyectada']).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('encodes values put into the URL, so they cannot change its path or query', async () => {
    seen.length = 0;
    const step = stepOf({ type: 'http_request', method: 'GET', url: `${crm.base}/contactos/{{contact.name}}/{{vars.raro}}` });
    expect(await httpRequestStep.run(await stepContext(t, s, { vars: { raro: '../x?y=1&z' } }), step)).toMatchObject({ kind: 'next', detail: { status: 200 } });
    expect(seen[0].path).toBe('/contactos/Ana%20D%C3%ADaz/..%2Fx%3Fy%3D1%26z');
  });

  it('any other status runs onFailure with the status and the start of the answer', async () => {
    const result = await httpRequestStep.run(await stepContext(t, s), stepOf({ type: 'http_request', method: 'GET', url: `${crm.base}/roto` }));
    expect(result).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { status: 500, body: expect.stringMatching(/^Internal error: x+$/) } });
    expect((result.detail!.body as string).length).toBe(300);
  });

  it('a server that does not answer in time runs onFailure', async () => {
    const started = Date.now();
    const result = await httpRequestStep.run(await stepContext(t, s), stepOf({ type: 'http_request', method: 'GET', url: `${crm.base}/lento`, timeoutMs: 1000 }));
    expect(result).toEqual({ kind: 'branch', path: 'onFailure', detail: { error: 'Timed out after 1000 ms' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('redirects are not followed, so one cannot lead to a private address', async () => {
    const result = await httpRequestStep.run(await stepContext(t, s), stepOf({ type: 'http_request', method: 'GET', url: `${crm.base}/redirige` }));
    expect(result).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { status: 302 } });
  });

  it('refuses private and loopback targets unless WORKFLOW_HTTP_ALLOW_PRIVATE is set, for requests and files alike', async () => {
    seen.length = 0;
    const sc = guarded(await stepContext(t, s));
    for (const url of [`${crm.base}/leads`, 'http://localhost:9/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:9/']) {
      expect(await httpRequestStep.run(sc, stepOf({ type: 'http_request', method: 'GET', url }))).toEqual({
        kind: 'branch', path: 'onFailure', detail: { error: expect.stringMatching(/private or local address/) },
      });
    }
    const media = await sendMessageStep.run(sc, stepOf({ type: 'send_message', message: { kind: 'media', mediaType: 'image', url: `${crm.base}/leads` } }));
    expect(media).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { error: expect.stringMatching(/private or local address/) } });
    expect(seen).toEqual([]);
    expect(t.ctx.config.WORKFLOW_HTTP_ALLOW_PRIVATE).toBe(true);
  });

  it('an unusable URL runs onFailure', async () => {
    const result = await httpRequestStep.run(await stepContext(t, s), stepOf({ type: 'http_request', method: 'GET', url: '{{vars.nada}}' }));
    expect(result).toMatchObject({ kind: 'branch', path: 'onFailure', detail: { error: expect.stringMatching(/Invalid URL/) } });
  });
});
