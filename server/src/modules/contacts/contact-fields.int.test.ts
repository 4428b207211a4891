import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, eventTypes, eventsOfType, type Session } from '../../../test/fixtures.js';

describeEachDriver('contact custom fields', (driver) => {
  let t: TestApp;
  let ws: { workspaceId: number; owner: Session };
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  let contactId: number;

  const http = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const define = (s: Session, body: object) => http(s, 'POST', '/api/v1/contact-fields', body);
  const fields = async (s: Session) => (await http(s, 'GET', '/api/v1/contact-fields')).json().items as Array<{ id: number; key: string; position: number }>;
  const patchContact = (customFields: object, s: Session = agent) => http(s, 'PATCH', `/api/v1/contacts/${contactId}`, { customFields });

  beforeAll(async () => {
    t = await createTestApp(driver);
    ws = await createWorkspace(t);
    admin = await createMember(t, ws.owner, { role: 'admin', accessLevel: 'all' });
    supervisor = await createMember(t, ws.owner, { role: 'supervisor', accessLevel: 'all' });
    agent = await createMember(t, ws.owner, { role: 'agent', accessLevel: 'assigned' });
    contactId = (await http(agent, 'POST', '/api/v1/contacts', { name: 'Rosa Díaz', customFields: { libre: 'sin definición' } })).json().id;
  });
  afterAll(() => t.close());

  it('admins define fields of each type, in order; every member lists them', async () => {
    const plan = await define(admin, { key: 'Plan', label: 'Plan contratado', type: 'select', options: ['Oro', 'Plata'] });
    expect(plan.statusCode).toBe(201);
    expect(plan.json()).toEqual({ id: expect.any(Number), key: 'plan', label: 'Plan contratado', type: 'select', options: ['Oro', 'Plata'], required: false, position: 0 });
    expect((await define(ws.owner, { key: 'cedula', label: 'Cédula', type: 'text', required: true })).json()).toMatchObject({ position: 1, required: true, options: [] });
    await define(admin, { key: 'edad', label: 'Edad', type: 'number', options: ['ignorada'] });
    await define(admin, { key: 'nacimiento', label: 'Fecha de nacimiento', type: 'date' });
    await define(admin, { key: 'vip', label: 'Cliente VIP', type: 'checkbox', position: 0 });

    const list = await fields(agent);
    expect(list.map((f) => f.key)).toEqual(['plan', 'vip', 'cedula', 'edad', 'nacimiento']);
    expect(list.find((f) => f.key === 'edad')).toMatchObject({ options: [], position: 2 });
    expect((await eventsOfType(t, ws.workspaceId, 'contact_field.created'))[0].payload.contactField).toMatchObject({ key: 'plan' });
  });

  it('only admins and owners manage definitions', async () => {
    const [first] = await fields(agent);
    for (const who of [agent, supervisor]) {
      expect((await define(who, { key: 'ciudad', label: 'Ciudad', type: 'text' })).statusCode).toBe(403);
      expect((await http(who, 'PATCH', `/api/v1/contact-fields/${first.id}`, { label: 'x' })).statusCode).toBe(403);
      expect((await http(who, 'DELETE', `/api/v1/contact-fields/${first.id}`)).statusCode).toBe(403);
    }
    expect((await fields(agent))[0]).toEqual(first);
  });

  it('answers 400 naming the field for bad definitions, 409 for a key in use', async () => {
    const cases: Array<[object, string]> = [
      [{ key: 'con espacio', label: 'x', type: 'text' }, 'body.key'],
      [{ key: 'email', label: 'Correo', type: 'text' }, 'body.key'],
      [{ key: 'first_name', label: 'Nombre', type: 'text' }, 'body.key'],
      [{ key: 'ciudad', label: '', type: 'text' }, 'body.label'],
      [{ key: 'ciudad', label: 'Ciudad', type: 'color' }, 'body.type'],
      [{ key: 'ciudad', label: 'Ciudad', type: 'select' }, 'body.options'],
      [{ key: 'ciudad', label: 'Ciudad', type: 'select', options: ['A', 'A'] }, 'body.options'],
    ];
    for (const [body, field] of cases) {
      const res = await define(admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details[0].field, JSON.stringify(body)).toBe(field);
    }
    const dup = await define(admin, { key: 'PLAN', label: 'Otro plan', type: 'text' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toEqual([{ field: 'body.key', message: 'already taken' }]);
  });

  it('validates a contact\'s values of defined fields, naming the field; undefined keys pass', async () => {
    const good = await patchContact({ plan: 'Oro', edad: '41', nacimiento: '1984-02-29', vip: true, cedula: 'V-1234567', otra: 'libre' });
    expect(good.statusCode).toBe(200);
    expect(good.json().customFields).toEqual({ libre: 'sin definición', plan: 'Oro', edad: 41, nacimiento: '1984-02-29', vip: true, cedula: 'V-1234567', otra: 'libre' });

    const bad: Array<[object, string, RegExp]> = [
      [{ plan: 'Bronce' }, 'plan', /Oro, Plata/],
      [{ edad: 'cuarenta' }, 'edad', /number/],
      [{ nacimiento: '29/02/1984' }, 'nacimiento', /YYYY-MM-DD/],
      [{ nacimiento: '1985-02-29' }, 'nacimiento', /YYYY-MM-DD/],
      [{ vip: 'sí' }, 'vip', /true or false/],
      [{ cedula: null }, 'cedula', /required/],
      [{ cedula: '' }, 'cedula', /required/],
    ];
    for (const [customFields, key, message] of bad) {
      const res = await patchContact(customFields);
      expect(res.statusCode, JSON.stringify(customFields)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: `body.customFields.${key}`, message: expect.stringMatching(message) }] });
    }
    const unchanged = (await http(agent, 'GET', `/api/v1/contacts/${contactId}`)).json().customFields;
    expect(unchanged).toMatchObject({ plan: 'Oro', edad: 41, vip: true, cedula: 'V-1234567' });
    expect((await patchContact({ plan: null, edad: '' })).json().customFields).not.toHaveProperty('plan');

    const created = await http(agent, 'POST', '/api/v1/contacts', { name: 'Nuevo', customFields: { edad: 'muchos' } });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details[0].field).toBe('body.customFields.edad');
    // A required field need not be given on create (contacts also arrive from channels without it).
    expect((await http(agent, 'POST', '/api/v1/contacts', { name: 'Nuevo', customFields: { edad: '3,5' } })).json().customFields).toEqual({ edad: 3.5 });
  });

  it('renaming a key moves the values; retyping applies to new writes; deleting keeps the values', async () => {
    const edad = (await fields(admin)).find((f) => f.key === 'edad')!;
    await patchContact({ edad: 40 });
    const renamed = await http(admin, 'PATCH', `/api/v1/contact-fields/${edad.id}`, { key: 'anios', label: 'Años' });
    expect(renamed.json()).toMatchObject({ key: 'anios', label: 'Años', type: 'number' });
    const moved = (await http(agent, 'GET', `/api/v1/contacts/${contactId}`)).json().customFields;
    expect(moved).toMatchObject({ anios: 40 });
    expect(moved).not.toHaveProperty('edad');
    expect((await patchContact({ anios: 'x' })).json().error.details[0].field).toBe('body.customFields.anios');
    expect((await http(admin, 'PATCH', `/api/v1/contact-fields/${edad.id}`, { key: 'plan' })).statusCode).toBe(409);

    expect((await http(admin, 'PATCH', `/api/v1/contact-fields/${edad.id}`, { type: 'select' })).json().error.details[0].field).toBe('body.options');
    const retyped = await http(admin, 'PATCH', `/api/v1/contact-fields/${edad.id}`, { type: 'select', options: ['18-30', '31-50'] });
    expect(retyped.json()).toMatchObject({ type: 'select', options: ['18-30', '31-50'] });
    expect((await patchContact({ anios: '31-50' })).json().customFields.anios).toBe('31-50');
    expect((await http(admin, 'PATCH', `/api/v1/contact-fields/${edad.id}`, { type: 'text' })).json().options).toEqual([]);
    const events = await eventsOfType(t, ws.workspaceId, 'contact_field.updated');
    expect(events[0].payload).toMatchObject({ previousKey: 'edad', contactField: { key: 'anios' }, changes: ['key', 'label'] });

    expect((await http(admin, 'DELETE', `/api/v1/contact-fields/${edad.id}`)).json()).toEqual({ id: edad.id, deleted: true });
    expect((await fields(agent)).map((f) => f.key)).not.toContain('anios');
    expect((await http(agent, 'GET', `/api/v1/contacts/${contactId}`)).json().customFields.anios).toBe('31-50');
    expect((await patchContact({ anios: 12 })).statusCode).toBe(200); // no definition, no rule
    expect((await http(admin, 'DELETE', `/api/v1/contact-fields/${edad.id}`)).statusCode).toBe(404);
    expect(await eventTypes(t, ws.workspaceId)).toContain('contact_field.deleted');
  });

  it('other workspaces neither see nor touch these definitions, and their contacts follow their own', async () => {
    const [first] = await fields(admin);
    const other = await createWorkspace(t);
    expect((await fields(other.owner))).toEqual([]);
    expect((await http(other.owner, 'PATCH', `/api/v1/contact-fields/${first.id}`, { label: 'x' })).statusCode).toBe(404);
    expect((await http(other.owner, 'DELETE', `/api/v1/contact-fields/${first.id}`)).statusCode).toBe(404);
    expect((await define(other.owner, { key: 'plan', label: 'Plan', type: 'number' })).statusCode).toBe(201);
    const theirs = await http(other.owner, 'POST', '/api/v1/contacts', { name: 'Otro', customFields: { plan: 3 } });
    expect(theirs.json().customFields).toEqual({ plan: 3 });
    expect((await patchContact({ plan: 3 })).statusCode).toBe(400); // here plan is still a select
  });
});
