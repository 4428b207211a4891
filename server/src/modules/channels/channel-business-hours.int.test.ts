import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, type Session } from '../../../test/fixtures.js';
import { events } from '../../platform/events/events.tables.js';
import { channels } from './channels.tables.js';

const hours = {
  timezone: 'America/Santiago',
  days: { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }], fri: [{ from: '09:00', to: '24:00' }] },
  holidays: ['2026-09-18'],
  awayMessage: 'Hola, estamos fuera de horario. Le respondemos el lunes a las 9:00.',
};

describeEachDriver('channel business hours', (driver) => {
  let t: TestApp;
  let workspaceId: number;
  let owner: Session;
  let agent: Session;

  const call = (who: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.server.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const create = (body: object = {}) => call(owner, 'POST', '/api/v1/channels', { type: 'api', name: 'CRM', config: { outboundUrl: 'https://crm.example.com/hook' }, ...body });
  const stored = async (id: number) => (await t.ctx.db.select().from(channels).where(eq(channels.id, id)))[0].businessHours;

  beforeAll(async () => {
    t = await createTestApp(driver);
    ({ workspaceId, owner } = await createWorkspace(t));
    agent = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
  });
  afterAll(() => t?.close());

  it('a channel is always open (null) unless created with hours', async () => {
    const plain = await create();
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().businessHours).toBeNull();
    const res = await create({ businessHours: hours });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().businessHours).toEqual(hours);
    expect(await stored(res.json().id)).toEqual(hours);
    expect((await call(agent, 'GET', `/api/v1/channels/${res.json().id}`)).json().businessHours).toEqual(hours);
  });

  it('PATCH sets, replaces and clears the hours, naming the change in channel.updated', async () => {
    const { id } = (await create()).json();
    const set = await call(owner, 'PATCH', `/api/v1/channels/${id}`, { businessHours: { timezone: 'Europe/Madrid', days: { sat: [{ from: '10:00', to: '14:00' }] } } });
    expect(set.statusCode, set.body).toBe(200);
    // Defaults fill what was left out.
    expect(set.json().businessHours).toEqual({ timezone: 'Europe/Madrid', days: { sat: [{ from: '10:00', to: '14:00' }] }, holidays: [], awayMessage: '' });

    const replaced = await call(owner, 'PATCH', `/api/v1/channels/${id}`, { businessHours: hours });
    expect(replaced.json().businessHours).toEqual(hours);
    const same = await call(owner, 'PATCH', `/api/v1/channels/${id}`, { businessHours: hours, name: 'CRM' });
    expect(same.statusCode).toBe(200);
    const untouched = await call(owner, 'PATCH', `/api/v1/channels/${id}`, { name: 'CRM 2' });
    expect(untouched.json().businessHours).toEqual(hours);

    const cleared = await call(owner, 'PATCH', `/api/v1/channels/${id}`, { businessHours: null });
    expect(cleared.json().businessHours).toBeNull();
    expect(await stored(id)).toBeNull();

    const changes = (await t.ctx.db.select().from(events).where(and(eq(events.workspaceId, workspaceId), eq(events.type, 'channel.updated'))).orderBy(events.id))
      .filter((e) => (e.payload.channel as { id: number }).id === id)
      .map((e) => e.payload.changes);
    expect(changes).toEqual([['businessHours'], ['businessHours'], ['name'], ['businessHours']]);
  });

  it.each([
    [{ ...hours, timezone: 'Mars/Olympus' }, 'timezone'],
    [{ ...hours, days: { mon: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }] } }, 'days.mon'],
    [{ ...hours, days: { tue: [{ from: '18:00', to: '09:00' }] } }, 'days.tue'],
    [{ ...hours, days: { wed: [{ from: '9:00', to: '18:00' }] } }, 'days.wed'],
    [{ ...hours, holidays: ['18/09/2026'] }, 'holidays'],
  ])('refuses %j naming %s, and stores nothing', async (bad, field) => {
    const { id } = (await create()).json();
    const res = await call(owner, 'PATCH', `/api/v1/channels/${id}`, { businessHours: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(`body.businessHours.${field}`);
    expect(await stored(id)).toBeNull();
  });

  it('only admins change the hours', async () => {
    const { id } = (await create()).json();
    const res = await call(agent, 'PATCH', `/api/v1/channels/${id}`, { businessHours: hours });
    expect(res.statusCode).toBe(403);
    expect(await stored(id)).toBeNull();
  });
});
