import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel, inboundMessage, postInbound } from '../../../test/channel-fixtures.js';
import { publishWorkflow, runView } from '../../../test/workflow-fixtures.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const tagContact = (tag: string) => ({ id: 'tag', type: 'add_tags', tags: [tag] });
const shortcut = (name: string, teamIds: number[], extra: object = {}) => ({
  version: 1,
  trigger: { type: 'shortcut', name, teamIds, ...extra },
  steps: [{ id: 'note', type: 'add_note', text: `${name} para {{contact.name}}` }],
});

describeEachDriver('workflows started by hand: webhooks, shortcuts and test runs', (driver) => {
  let t: TestApp;
  let owner: Session;
  let admin: Session;
  let teamA: number;
  let teamB: number;
  let conversationId: number;
  let contactId: number;
  let seq = 0;

  const http = (s: Session, method: Method, url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Session, method: Method, url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const hook = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.server.app.inject({ method: 'POST', url: new URL(url).pathname, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const completed = (runId: number) => expect.poll(async () => (await runView(t, admin, runId)).status).toBe('completed');

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t, { name: 'IDEA' }));
    teamA = await createTeam(t, owner, 'Soporte');
    teamB = await createTeam(t, owner, 'Ventas');
    admin = await createMember(t, owner, { role: 'admin', accessLevel: 'all', name: 'Gonzalo Molina' });
    const channel = await createApiChannel(t, owner, { defaultTeamId: teamA });
    const res = await postInbound(t, channel, inboundMessage('hooks-1', '584140000001', 'Hola', 'Ana Díaz'));
    conversationId = res.json().conversationId;
    contactId = (await ok(admin, 'GET', `/api/v1/conversations/${conversationId}`)).contact.id;
  });
  afterAll(() => t.close());

  it('a webhook call finds or creates the contact, maps the payload into variables and starts a run', async () => {
    const definition = {
      version: 1,
      trigger: {
        type: 'incoming_webhook', contact: { by: 'phone', path: 'cliente.telefono' }, createContact: true,
        variables: [{ path: 'pedido.id', variable: 'pedido' }, { path: 'pedido.items.0.total', variable: 'total' }],
      },
      steps: [tagContact('pedido web')],
    };
    const { id, hookUrl } = await ok(admin, 'POST', '/api/v1/workflows', { name: 'Pedido web', definition });
    const payload = { cliente: { telefono: '+58 414-555 0101' }, pedido: { id: 'A-77', items: [{ total: 12.5 }] } };
    expect((await hook(hookUrl, payload)).statusCode).toBe(404); // a draft answers nothing
    await ok(admin, 'POST', `/api/v1/workflows/${id}/publish`);
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}`)).hookUrl).toBe(hookUrl);

    const started = await hook(hookUrl, payload);
    expect(started.statusCode, started.body).toBe(202);
    const run = await runView(t, admin, started.json().runId);
    expect(run.vars).toEqual({ pedido: 'A-77', total: 12.5 });
    await completed(run.id);
    const contact = await ok(admin, 'GET', `/api/v1/contacts/${(await ok(admin, 'GET', `/api/v1/workflow-runs/${run.id}`)).contact.id}`);
    expect(contact).toMatchObject({ phone: '+584145550101', tags: ['pedido web'] });

    // The same phone, however written, is the same contact.
    const again = await hook(hookUrl, { cliente: { telefono: '0058 414 5550101' } });
    expect((await ok(admin, 'GET', `/api/v1/workflow-runs/${again.json().runId}`)).contact.id).toBe(contact.id);
    expect((await hook(hookUrl, { cliente: {} })).json().error.details[0].field).toBe('body.cliente.telefono');
    expect((await hook(`${t.config.publicUrl}/hooks/workflow/no-such-token-0123456789`, payload)).statusCode).toBe(404);
    await ok(admin, 'POST', `/api/v1/workflows/${id}/stop`);
    expect((await hook(hookUrl, payload)).statusCode).toBe(404);
  });

  it('an Idempotency-Key makes a repeated call start nothing; without one each call is a run', async () => {
    const definition = { version: 1, trigger: { type: 'incoming_webhook', contact: { by: 'contact_id', path: 'id' } }, steps: [tagContact('sincronizado')] };
    const id = await publishWorkflow(t, admin, 'Sincronizar', definition);
    const { hookUrl } = await ok(admin, 'GET', `/api/v1/workflows/${id}`);
    const first = await hook(hookUrl, { id: contactId }, { 'idempotency-key': 'evt-1' });
    expect(first.statusCode).toBe(202);
    const repeated = await hook(hookUrl, { id: contactId }, { 'idempotency-key': 'evt-1' });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toEqual({ skipped: 'duplicate' });
    expect((await hook(hookUrl, { id: contactId }, { 'idempotency-key': 'evt-2' })).statusCode).toBe(202);
    const plain = [await hook(hookUrl, { id: contactId }), await hook(hookUrl, { id: contactId })];
    expect(plain.map((r) => r.statusCode)).toEqual([202, 202]);
    expect(plain[0].json().runId).not.toBe(plain[1].json().runId);
    expect((await hook(hookUrl, { id: 999_999_999 })).json()).toEqual({ skipped: 'contact_not_found' });
  });

  it('does not create contacts unless the trigger says so', async () => {
    const definition = { version: 1, trigger: { type: 'incoming_webhook', contact: { by: 'email', path: 'email' } }, steps: [tagContact('x')] };
    const id = await publishWorkflow(t, admin, 'Solo conocidos', definition);
    const { hookUrl } = await ok(admin, 'GET', `/api/v1/workflows/${id}`);
    const res = await hook(hookUrl, { email: 'Nadie@Example.com' });
    expect([res.statusCode, res.json()]).toEqual([200, { skipped: 'contact_not_found' }]);
    expect((await hook(hookUrl, { email: 'no es correo' })).statusCode).toBe(400);
  });

  it('lists the shortcut workflows an agent may run on a conversation, by team, and runs one', async () => {
    const onlyA = await publishWorkflow(t, admin, 'WF soporte', shortcut('Atajo de soporte', [teamA]));
    const everyone = await publishWorkflow(t, admin, 'WF todos', shortcut('Atajo para todos', []));
    const onlyB = await publishWorkflow(t, admin, 'WF ventas', shortcut('Atajo de ventas', [teamB]));
    await ok(admin, 'POST', '/api/v1/workflows', { name: 'WF borrador', definition: shortcut('Borrador', []) });
    const stopped = await publishWorkflow(t, admin, 'WF detenido', shortcut('Detenido', []));
    await ok(admin, 'POST', `/api/v1/workflows/${stopped}/stop`);

    const agentA = await createMember(t, owner, { role: 'agent', accessLevel: 'all', teamIds: [teamA] });
    const agentB = await createMember(t, owner, { role: 'agent', accessLevel: 'all', teamIds: [teamB] });
    const outsider = await createMember(t, owner, { role: 'agent', accessLevel: 'team', teamIds: [teamB] });
    const names = async (s: Session) => (await ok(s, 'GET', `/api/v1/conversations/${conversationId}/workflows`)).items.map((w: { name: string }) => w.name);
    expect(await names(agentA)).toEqual(['Atajo de soporte', 'Atajo para todos']);
    expect(await names(agentB)).toEqual(['Atajo para todos', 'Atajo de ventas']);
    expect(await names(admin)).toEqual(['Atajo de soporte', 'Atajo para todos', 'Atajo de ventas']);
    expect((await http(outsider, 'GET', `/api/v1/conversations/${conversationId}/workflows`)).statusCode).toBe(404);

    const run = await http(agentA, 'POST', `/api/v1/conversations/${conversationId}/workflows/${onlyA}/run`);
    expect(run.statusCode, run.body).toBe(202);
    await completed(run.json().runId);
    expect((await runView(t, admin, run.json().runId)).steps.map((s) => [s.stepId, s.outcome])).toEqual([['note', 'ok']]);
    expect((await ok(admin, 'GET', `/api/v1/workflow-runs/${run.json().runId}`))).toMatchObject({ conversationId, contact: { id: contactId } });
    expect((await http(agentA, 'POST', `/api/v1/conversations/${conversationId}/workflows/${onlyB}/run`)).statusCode).toBe(404);
    expect((await http(agentB, 'POST', `/api/v1/conversations/${conversationId}/workflows/${everyone}/run`)).statusCode).toBe(202);
    expect((await http(outsider, 'POST', `/api/v1/conversations/${conversationId}/workflows/${everyone}/run`)).statusCode).toBe(404);
  });

  it('a shortcut whose trigger conditions do not hold is refused', async () => {
    const vipOnly = await publishWorkflow(t, admin, 'WF vip', shortcut('Solo VIP', [], { conditions: [{ kind: 'tag', operator: 'is', value: 'vip' }] }));
    expect((await http(admin, 'POST', `/api/v1/conversations/${conversationId}/workflows/${vipOnly}/run`)).statusCode).toBe(409);
    await ok(admin, 'POST', `/api/v1/contacts/${contactId}/tags`, { tags: ['vip'] });
    expect((await http(admin, 'POST', `/api/v1/conversations/${conversationId}/workflows/${vipOnly}/run`)).statusCode).toBe(202);
  });

  it('test-runs the draft for a chosen contact, refusing a draft that is not ready', async () => {
    const { id } = await ok(admin, 'POST', '/api/v1/workflows', { name: 'Prueba', definition: { version: 1, trigger: { type: 'conversation_closed' }, steps: [{ id: 'tag', type: 'add_tags', tags: [] }] } });
    const refused = await http(admin, 'POST', `/api/v1/workflows/${id}/test-run`, { contactId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'steps[0].tags', code: 'missing_setting' });

    await ok(admin, 'PATCH', `/api/v1/workflows/${id}`, { definition: { version: 1, trigger: { type: 'conversation_closed' }, steps: [tagContact(`probado-${++seq}`)] } });
    const started = await http(admin, 'POST', `/api/v1/workflows/${id}/test-run`, { contactId, conversationId });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ test: true, version: 0, contact: { id: contactId, name: 'Ana Díaz' }, conversationId });
    await completed(started.json().id);
    expect((await ok(admin, 'GET', `/api/v1/contacts/${contactId}`)).tags).toContain(`probado-${seq}`);
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}`))).toMatchObject({ status: 'draft', runs: { active: 0, total: 0 } });

    const stranger = await ok(admin, 'POST', '/api/v1/contacts', { name: 'Otra persona' });
    expect((await http(admin, 'POST', `/api/v1/workflows/${id}/test-run`, { contactId: stranger.id, conversationId })).json().error.details[0].field).toBe('body.conversationId');
    expect((await http(admin, 'POST', `/api/v1/workflows/${id}/test-run`, { contactId: 999_999_999 })).statusCode).toBe(404);
  });
});
