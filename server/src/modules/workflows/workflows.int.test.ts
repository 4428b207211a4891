import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createTeam, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { insertRun } from './engine/runs.repo.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const assignTo = (teamId: number | null) => ({ id: 'assign', type: 'assign', target: { kind: 'team', teamId, strategy: 'round_robin' } });
/** A workflow no event of these tests starts: agents run it from a conversation's menu. */
const shortcutDefinition = (steps: unknown[]) => ({ version: 1, trigger: { type: 'shortcut', name: 'Atajo' }, steps });
const crmStep = {
  id: 'crm', type: 'http_request', method: 'POST', url: 'https://crm.example.com/leads?api_key=abc123',
  headers: [{ name: 'Authorization', value: 'Bearer s3cr3t' }], body: { nombre: '{{contact.name}}' },
};

describeEachDriver('workflows API', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  let teamId: number;
  let contactId: number;

  const http = (s: Session, method: Method, url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (s: Session, method: Method, url: string, payload?: unknown) => {
    const res = await http(s, method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const create = (body: object) => ok(admin, 'POST', '/api/v1/workflows', body);
  const addRun = (workflowId: number, version: number, status: 'running' | 'waiting' | 'completed', test = false) =>
    insertRun(t.ctx.db, { workspaceId: ws.workspaceId, workflowId, version, contactId, triggerKey: `test-${Math.random()}`, status, test, cursor: { stepId: 'assign' } });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t, { name: 'IDEA Aviación' });
    teamId = await createTeam(t, ws.owner, 'Ventas');
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all', name: 'Gonzalo Molina' });
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all', name: 'Sofía Supervisora' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'team', teamIds: [teamId], name: 'Georgina Cedeño' });
    contactId = (await ok(admin, 'POST', '/api/v1/contacts', { name: 'José Ñúñez', phone: '+584141234567' })).id;
  });
  afterAll(() => t.close());

  it('creates an empty draft, lists, renames and deletes it', async () => {
    const created = await create({ name: 'Bienvenida', description: 'Saluda' });
    expect(created).toMatchObject({
      name: 'Bienvenida', description: 'Saluda', status: 'draft', version: 0, triggerType: 'conversation_opened', hasUnpublishedChanges: true,
      runs: { active: 0, total: 0 }, publishedAt: null, published: null, hookUrl: null,
      draft: { version: 1, trigger: { type: 'conversation_opened' }, steps: [] },
    });
    expect(created.problems).toEqual([{ path: 'steps', code: 'no_steps', message: expect.any(String) }]);
    const list = await ok(admin, 'GET', '/api/v1/workflows');
    expect(list.items.find((w: { id: number }) => w.id === created.id)).toMatchObject({ name: 'Bienvenida', status: 'draft' });
    expect(list.items[0]).not.toHaveProperty('draft');

    const renamed = await ok(admin, 'PATCH', `/api/v1/workflows/${created.id}`, { name: 'Saludo inicial' });
    expect(renamed).toMatchObject({ name: 'Saludo inicial', description: 'Saluda' });
    expect((await http(admin, 'POST', '/api/v1/workflows', { description: 'sin nombre' })).statusCode).toBe(400);

    expect(await ok(admin, 'DELETE', `/api/v1/workflows/${created.id}`)).toEqual({ id: created.id, deleted: true });
    expect((await http(admin, 'GET', `/api/v1/workflows/${created.id}`)).statusCode).toBe(404);
    expect((await eventsOfType(t, ws.workspaceId, 'workflow.deleted')).at(-1)!.payload).toMatchObject({ workflowId: created.id, name: 'Saludo inicial' });
  });

  it('saves an unfinished draft and lists its problems; a malformed one answers 400 with the paths', async () => {
    const { id } = await create({ name: 'Borrador' });
    const saved = await ok(admin, 'PATCH', `/api/v1/workflows/${id}`, {
      definition: shortcutDefinition([{ id: 'hola', type: 'send_message', message: { kind: 'text', text: '' } }, assignTo(null)]),
    });
    expect(saved.draft.steps[0]).toMatchObject({ id: 'hola', onFailure: [] });
    expect(saved.problems.map((p: { stepId: string; path: string; code: string }) => [p.stepId, p.path, p.code])).toEqual([
      ['hola', 'steps[0].message.text', 'missing_setting'],
      ['assign', 'steps[1].target.teamId', 'missing_setting'],
    ]);
    const malformed = await http(admin, 'PATCH', `/api/v1/workflows/${id}`, { definition: { version: 1, trigger: { type: 'shortcut', name: 'x' }, steps: [{ id: 'a b', type: 'end' }] } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0]).toMatchObject({ field: 'body.definition.steps[0].id', path: 'steps[0].id', code: 'invalid_shape' });
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}`)).draft.steps).toHaveLength(2);
  });

  it('refuses to publish an invalid draft (422 with details) and publishes a valid one as the next version', async () => {
    const other = await createWorkspace(t);
    const foreignTeam = await createTeam(t, other.owner, 'Ajeno');
    const { id } = await create({ name: 'Asignar ventas', definition: shortcutDefinition([assignTo(foreignTeam)]) });
    const refused = await http(admin, 'POST', `/api/v1/workflows/${id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'workflow_invalid',
      details: [{ field: 'steps[0].target.teamId', code: 'invalid_setting', stepId: 'assign', message: `No team with id ${foreignTeam} in this workspace` }],
    });
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}`)).status).toBe('draft');

    await ok(admin, 'PATCH', `/api/v1/workflows/${id}`, { definition: shortcutDefinition([assignTo(teamId)]) });
    const v1 = await ok(admin, 'POST', `/api/v1/workflows/${id}/publish`);
    expect(v1).toMatchObject({ status: 'published', version: 1, hasUnpublishedChanges: false, problems: [] });
    expect(v1.published).toEqual(v1.draft);
    expect(Date.parse(v1.publishedAt)).not.toBeNaN();
    expect((await eventsOfType(t, ws.workspaceId, 'workflow.published')).at(-1)!.payload).toEqual({ workflowId: id, name: 'Asignar ventas', status: 'published', version: 1 });
  });

  it('numbers versions; runs keep the version they started on; a draft change waits for the next publish', async () => {
    const { id } = await create({ name: 'Versionado', definition: shortcutDefinition([assignTo(teamId)]) });
    await ok(admin, 'POST', `/api/v1/workflows/${id}/publish`);
    const firstRun = await addRun(id, 1, 'waiting');
    const edited = await ok(admin, 'PATCH', `/api/v1/workflows/${id}`, { definition: shortcutDefinition([assignTo(teamId), { id: 'fin', type: 'end' }]) });
    expect(edited).toMatchObject({ version: 1, hasUnpublishedChanges: true });
    expect(edited.published.steps).toHaveLength(1);
    const v2 = await ok(admin, 'POST', `/api/v1/workflows/${id}/publish`);
    expect(v2).toMatchObject({ version: 2, hasUnpublishedChanges: false });
    await addRun(id, 2, 'completed');
    await addRun(id, 2, 'running', true);

    const versions = await ok(supervisor, 'GET', `/api/v1/workflows/${id}/versions`);
    expect(versions.items.map((v: { version: number; publishedBy: { name: string } }) => [v.version, v.publishedBy.name])).toEqual([[2, 'Gonzalo Molina'], [1, 'Gonzalo Molina']]);
    const runs = await ok(admin, 'GET', `/api/v1/workflows/${id}/runs`);
    expect(runs.items.map((r: { version: number; test: boolean }) => [r.version, r.test])).toEqual([[2, true], [2, false], [1, false]]);
    expect(runs.items[2]).toMatchObject({ id: firstRun!.id, status: 'waiting', contact: { id: contactId, name: 'José Ñúñez' }, cursor: { stepId: 'assign' } });
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}/runs?test=false&limit=1`)).nextBefore).toBeGreaterThan(0);
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}/runs?status=waiting`)).items).toHaveLength(1);
    const summary = (await ok(admin, 'GET', '/api/v1/workflows')).items.find((w: { id: number }) => w.id === id);
    expect(summary.runs).toEqual({ active: 1, total: 2 });
    const detail = await ok(supervisor, 'GET', `/api/v1/workflow-runs/${firstRun!.id}`);
    expect(detail).toMatchObject({ id: firstRun!.id, version: 1, steps: [], vars: {} });
  });

  it('stops a published workflow with its runs, and starts it again; a draft can do neither', async () => {
    const { id } = await create({ name: 'Detener', definition: shortcutDefinition([assignTo(teamId)]) });
    expect((await http(admin, 'POST', `/api/v1/workflows/${id}/stop`)).statusCode).toBe(409);
    expect((await http(admin, 'POST', `/api/v1/workflows/${id}/start`)).statusCode).toBe(409);
    await ok(admin, 'POST', `/api/v1/workflows/${id}/publish`);
    const waiting = await addRun(id, 1, 'waiting');
    const done = await addRun(id, 1, 'completed');
    expect((await ok(admin, 'POST', `/api/v1/workflows/${id}/stop`)).status).toBe('stopped');
    const statuses = Object.fromEntries((await ok(admin, 'GET', `/api/v1/workflows/${id}/runs`)).items.map((r: { id: number; status: string }) => [r.id, r.status]));
    expect(statuses).toEqual({ [waiting!.id]: 'stopped', [done!.id]: 'completed' });
    expect((await ok(admin, 'POST', `/api/v1/workflows/${id}/start`))).toMatchObject({ status: 'published', version: 1 });
    expect((await eventsOfType(t, ws.workspaceId, 'workflow.started')).at(-1)!.payload.workflowId).toBe(id);
  });

  it('exports without credentials (unless an admin asks) and imports the file back as a draft', async () => {
    const { id } = await create({ name: 'Ingreso a CRM', description: 'Sube al CRM', definition: shortcutDefinition([crmStep]) });
    const file = await ok(supervisor, 'GET', `/api/v1/workflows/${id}/export`);
    expect(file).toMatchObject({ atiende: 'workflow', version: 1, name: 'Ingreso a CRM', description: 'Sube al CRM' });
    expect(file.definition.steps[0]).toMatchObject({ url: 'https://crm.example.com/leads?api_key=', headers: [{ name: 'Authorization', value: '' }] });
    expect((await http(supervisor, 'GET', `/api/v1/workflows/${id}/export?includeSecrets=true`)).statusCode).toBe(403);
    const backup = await ok(admin, 'GET', `/api/v1/workflows/${id}/export?includeSecrets=true`);
    expect(backup.definition.steps[0].headers[0].value).toBe('Bearer s3cr3t');

    const imported = await http(admin, 'POST', '/api/v1/workflows/import', { file: JSON.stringify(file) });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ status: 'draft', name: 'Ingreso a CRM', draft: file.definition });
    expect(imported.json().problems.map((p: { path: string }) => p.path)).toEqual(['steps[0].url', 'steps[0].headers[0].value']);
    const restored = await ok(admin, 'POST', '/api/v1/workflows/import', { file: backup });
    expect(restored.draft).toEqual(backup.definition);

    const bad = await http(admin, 'POST', '/api/v1/workflows/import', { file: { atiende: 'workflow', version: 1, name: '', definition: { version: 1, trigger: { type: 'nada' }, steps: [] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['body.file.name', 'body.file.definition.trigger.type']);
    expect((await http(admin, 'POST', '/api/v1/workflows/import', { file: 'no es json' })).json().error.details[0].code).toBe('not_json');
  });

  it('lists the templates in Spanish and English and creates a draft from one', async () => {
    const es = await ok(supervisor, 'GET', '/api/v1/workflow-templates?lang=es');
    const en = await ok(supervisor, 'GET', '/api/v1/workflow-templates?lang=en');
    expect(es.items.length).toBeGreaterThanOrEqual(12);
    expect(es.items.find((x: { id: string }) => x.id === 'out-of-hours')).toMatchObject({ name: 'Mensaje de fuera de horario', triggerType: 'conversation_opened', group: null });
    expect(en.items.find((x: { id: string }) => x.id === 'out-of-hours').name).toBe('Out-of-hours message');
    expect(es.items.filter((x: { group: string | null }) => x.group === 'crm-handoff')).toHaveLength(3);

    // The admin's language is Spanish (the default), unless the body asks for another.
    const fromTemplate = await create({ templateId: 'sales-round-robin' });
    expect(fromTemplate).toMatchObject({ name: 'Asignación automática para equipos de ventas', status: 'draft', triggerType: 'conversation_opened' });
    expect(fromTemplate.problems).toEqual([expect.objectContaining({ path: 'steps[0].target.teamId', code: 'missing_setting' })]);
    const english = await create({ templateId: 'out-of-hours', lang: 'en', name: 'After hours' });
    expect(english.name).toBe('After hours');
    expect(english.draft.steps[0].branches[0].steps[0].message.text).toMatch(/^Hi /);
    expect((await http(admin, 'POST', '/api/v1/workflows', { templateId: 'no-existe' })).json().error.details[0].field).toBe('body.templateId');
  });

  it('checks that the contact fields and closing categories a workflow names exist', async () => {
    const definition = {
      version: 1,
      trigger: { type: 'conversation_closed', categories: ['Venta cerrada'] },
      steps: [{ id: 'campo', type: 'update_contact_field', field: 'plan', value: 'oro' }, { id: 'tel', type: 'update_contact_field', field: 'phone', value: '{{telefono}}' }],
    };
    const { id, problems } = await create({ name: 'Referencias', definition });
    expect(problems.map((p: { path: string; code: string }) => [p.path, p.code])).toEqual([['trigger.categories[0]', 'invalid_setting'], ['steps[0].field', 'invalid_setting']]);
    await ok(admin, 'POST', '/api/v1/closing-categories', { name: 'Venta cerrada' });
    await ok(admin, 'POST', '/api/v1/contact-fields', { key: 'plan', label: 'Plan', type: 'text' });
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}`)).problems).toEqual([]);
  });

  it('lets supervisors read (without credentials or the hook URL) and keeps agents out', async () => {
    const hook = { type: 'incoming_webhook', contact: { by: 'phone', path: 'telefono' } };
    const { id, hookUrl } = await create({ name: 'Webhook', definition: { version: 1, trigger: hook, steps: [crmStep] } });
    expect(hookUrl).toMatch(new RegExp(`^${t.config.publicUrl}/hooks/workflow/[A-Za-z0-9_-]{32}$`));
    const read = await ok(supervisor, 'GET', `/api/v1/workflows/${id}`);
    expect(read.hookUrl).toBeNull();
    expect(read.draft.steps[0].headers[0].value).toBe('');
    expect((await ok(admin, 'GET', `/api/v1/workflows/${id}`)).draft.steps[0].headers[0].value).toBe('Bearer s3cr3t');
    const writes: [Method, string, object?][] = [
      ['POST', '/api/v1/workflows', { name: 'x' }], ['PATCH', `/api/v1/workflows/${id}`, { name: 'x' }], ['POST', `/api/v1/workflows/${id}/publish`],
      ['POST', `/api/v1/workflows/${id}/stop`], ['DELETE', `/api/v1/workflows/${id}`], ['POST', '/api/v1/workflows/import', { file: '{}' }],
      ['POST', `/api/v1/workflows/${id}/test-run`, { contactId }],
    ];
    for (const [method, url, body] of writes) expect((await http(supervisor, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    for (const url of ['/api/v1/workflows', `/api/v1/workflows/${id}`, `/api/v1/workflows/${id}/runs`, `/api/v1/workflows/${id}/versions`, `/api/v1/workflows/${id}/export`, '/api/v1/workflow-templates']) {
      expect((await http(agent, 'GET', url)).statusCode, url).toBe(403);
    }
    const other = await createWorkspace(t);
    expect((await http(other.owner, 'GET', `/api/v1/workflows/${id}`)).statusCode).toBe(404);
    expect((await http(other.owner, 'GET', '/api/v1/workflows')).json().items).toEqual([]);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.server.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of ['/api/v1/workflows', '/api/v1/workflows/{id}/publish', '/api/v1/workflow-runs/{runId}', '/hooks/workflow/{token}']) expect(doc.paths, path).toHaveProperty([path]);
  });
});
