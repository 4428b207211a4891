import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { publishWorkflow } from '../../../../test/workflow-fixtures.js';
import { ManualClock } from '../../../platform/clock.js';
import { TICK_WORKFLOW, tickWorkflowJob, type TickData } from './workflow-tick.job.js';

type Method = 'GET' | 'POST' | 'PATCH';
type Tick = { id: string; data: TickData; startAfter: string };

describeEachDriver('date and schedule triggers start runs when their time comes', (driver) => {
  let t: TestApp;
  // Wednesday 10 March 2027, 08:00 in Caracas (the workspace's timezone, UTC-4): in the future of the real clock,
  // so pg-boss leaves the ticks to the test.
  const clock = new ManualClock(new Date('2027-03-10T12:00:00Z'));
  const NINE_AM_TODAY = '2027-03-10T13:00:00.000Z';
  const NINE_AM_TOMORROW = '2027-03-11T13:00:00.000Z';

  const ok = async (s: Session, method: Method, url: string, payload?: unknown) => {
    const res = await t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const contact = async (s: Session, name: string, extra: { tags?: string[]; customFields?: Record<string, string> } = {}) =>
    (await ok(s, 'POST', '/api/v1/contacts', { name, ...extra })).id as number;
  /** The workflow's ticks waiting in pg-boss, earliest first. */
  const ticks = async (workflowId: number): Promise<Tick[]> => {
    const { rows } = await t.ctx.database.executeSql(
      `SELECT id, data, start_after FROM pgboss.job WHERE name = $1 AND data->>'workflowId' = $2 ORDER BY start_after`,
      [TICK_WORKFLOW, String(workflowId)],
    );
    return (rows as { id: string; data: TickData; start_after: string | Date }[]).map((r) => ({ id: r.id, data: r.data, startAfter: new Date(r.start_after).toISOString() }));
  };
  /** Fires the tick due at `at` on the test's clock, as pg-boss would when its time comes. */
  const fire = async (workflowId: number, at: string) => {
    const tick = (await ticks(workflowId)).find((k) => k.startAfter === at);
    expect(tick, `a tick at ${at}`).toBeDefined();
    clock.set(at);
    await tickWorkflowJob.handle(t.ctx, tick!.data, { id: tick!.id, retryCount: 0, retryLimit: 0 });
  };
  const runs = async (s: Session, workflowId: number) =>
    (await ok(s, 'GET', `/api/v1/workflows/${workflowId}/runs?limit=100`)).items as Array<{ status: string; contact: { id: number } | null }>;
  const runContacts = async (s: Session, workflowId: number) => (await runs(s, workflowId)).map((r) => r.contact?.id).sort((a, b) => a! - b!);
  const greetVip = (trigger: Record<string, unknown>) => ({
    version: 1,
    trigger,
    steps: [{ id: 'greet', type: 'add_tags', tags: ['saludado'], scope: 'contact' }],
  });

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
  });
  afterAll(() => t?.close());

  it('a daily schedule starts one run per vip contact, schedules the next day, and a replayed tick starts nothing more', async () => {
    clock.set('2027-03-10T12:00:00Z');
    const { owner } = await createWorkspace(t);
    // The catalogue spells it "VIP": audience tags match ignoring case, as tag conditions do.
    await ok(owner, 'POST', '/api/v1/tags', { name: 'VIP' });
    const ana = await contact(owner, 'Ana', { tags: ['vip'] });
    const beto = await contact(owner, 'Beto', { tags: ['otro', 'VIP'] });
    await contact(owner, 'Carla', { tags: ['otro'] });
    await contact(owner, 'Dani');
    const other = await createWorkspace(t);
    await contact(other.owner, 'Ajena', { tags: ['vip'] });

    const workflowId = await publishWorkflow(t, owner, 'Saludo diario', greetVip({ type: 'schedule', repeat: 'daily', time: '09:00', audienceTags: ['vip'] }));
    expect((await ticks(workflowId)).map((k) => [k.startAfter, k.data.version, k.data.at])).toEqual([[NINE_AM_TODAY, 1, NINE_AM_TODAY]]);
    expect(await runs(owner, workflowId)).toEqual([]);

    await fire(workflowId, NINE_AM_TODAY);
    expect(await runContacts(owner, workflowId)).toEqual([ana, beto]);
    await expect.poll(async () => (await runs(owner, workflowId)).map((r) => r.status)).toEqual(['completed', 'completed']);
    expect((await ok(owner, 'GET', `/api/v1/contacts/${ana}`)).tags).toEqual(['vip', 'saludado']);
    expect((await ticks(workflowId)).map((k) => k.startAfter)).toEqual([NINE_AM_TODAY, NINE_AM_TOMORROW]);

    await fire(workflowId, NINE_AM_TODAY);
    expect(await runContacts(owner, workflowId)).toEqual([ana, beto]);
    expect((await ticks(workflowId)).map((k) => k.startAfter)).toEqual([NINE_AM_TODAY, NINE_AM_TOMORROW]);

    await fire(workflowId, NINE_AM_TOMORROW);
    expect(await runContacts(owner, workflowId)).toEqual([ana, ana, beto, beto]);
  });

  it('a birthday trigger starts a run only for the contact whose birthday is today, every year', async () => {
    clock.set('2027-03-10T12:00:00Z');
    const { owner } = await createWorkspace(t);
    await ok(owner, 'POST', '/api/v1/contact-fields', { key: 'cumpleanos', label: 'Cumpleaños', type: 'date' });
    const eva = await contact(owner, 'Eva', { customFields: { cumpleanos: '1990-03-10' } });
    const fede = await contact(owner, 'Fede', { customFields: { cumpleanos: '1985-03-11' } });
    await contact(owner, 'Gabi', { customFields: { cumpleanos: '1990-04-10' } });
    await contact(owner, 'Hugo');

    const workflowId = await publishWorkflow(t, owner, 'Feliz cumpleaños', greetVip({ type: 'date', field: 'cumpleanos', time: '09:00', everyYear: true }));
    await fire(workflowId, NINE_AM_TODAY);
    expect(await runContacts(owner, workflowId)).toEqual([eva]);

    await fire(workflowId, NINE_AM_TOMORROW);
    expect(await runContacts(owner, workflowId)).toEqual([eva, fede]);
    expect((await ticks(workflowId)).at(-1)!.startAfter).toBe('2027-03-12T13:00:00.000Z');
  });

  it('a stopped workflow\'s tick starts nothing and schedules nothing; starting it again schedules the next', async () => {
    clock.set('2027-03-10T12:00:00Z');
    const { owner } = await createWorkspace(t);
    const ana = await contact(owner, 'Ana', { tags: ['vip'] });
    const workflowId = await publishWorkflow(t, owner, 'Saludo diario', greetVip({ type: 'schedule', repeat: 'daily', time: '09:00', audienceTags: ['vip'] }));

    await ok(owner, 'POST', `/api/v1/workflows/${workflowId}/stop`);
    await fire(workflowId, NINE_AM_TODAY);
    expect(await runs(owner, workflowId)).toEqual([]);
    expect((await ticks(workflowId)).map((k) => k.startAfter)).toEqual([NINE_AM_TODAY]);

    clock.set('2027-03-10T15:00:00Z');
    await ok(owner, 'POST', `/api/v1/workflows/${workflowId}/start`);
    expect((await ticks(workflowId)).map((k) => k.startAfter)).toEqual([NINE_AM_TODAY, NINE_AM_TOMORROW]);
    await fire(workflowId, NINE_AM_TOMORROW);
    expect(await runContacts(owner, workflowId)).toEqual([ana]);
  });

  it('a tick of a version since replaced does nothing: the new version scheduled its own', async () => {
    clock.set('2027-03-10T12:00:00Z');
    const { owner } = await createWorkspace(t);
    await contact(owner, 'Ana', { tags: ['vip'] });
    const definition = greetVip({ type: 'schedule', repeat: 'weekly', weekdays: ['fri'], time: '09:00', audienceTags: ['vip'] });
    const workflowId = await publishWorkflow(t, owner, 'Los viernes', definition);
    await ok(owner, 'PATCH', `/api/v1/workflows/${workflowId}`, { definition: { ...definition, trigger: { ...definition.trigger, time: '10:00' } } });
    await ok(owner, 'POST', `/api/v1/workflows/${workflowId}/publish`);
    expect((await ticks(workflowId)).map((k) => [k.startAfter, k.data.version])).toEqual([['2027-03-12T13:00:00.000Z', 1], ['2027-03-12T14:00:00.000Z', 2]]);

    await fire(workflowId, '2027-03-12T13:00:00.000Z');
    expect(await runs(owner, workflowId)).toEqual([]);
    expect(await ticks(workflowId)).toHaveLength(2);
  });

  // Last: after a restart the app's mail log (which the fixtures read) starts empty.
  it('a node starting gives every published schedule its next tick, once (a tick lost with its queue comes back)', async () => {
    clock.set('2027-03-10T12:00:00Z');
    const { owner } = await createWorkspace(t);
    const workflowId = await publishWorkflow(t, owner, 'Saludo diario', greetVip({ type: 'schedule', repeat: 'daily', time: '09:00', audienceTags: ['vip'] }));
    await t.ctx.database.executeSql(`DELETE FROM pgboss.job WHERE name = $1 AND data->>'workflowId' = $2`, [TICK_WORKFLOW, String(workflowId)]);
    expect(await ticks(workflowId)).toEqual([]);
    await t.restart();
    expect((await ticks(workflowId)).map((k) => k.startAfter)).toEqual([NINE_AM_TODAY]);
    await t.restart();
    expect((await ticks(workflowId)).map((k) => k.startAfter)).toEqual([NINE_AM_TODAY]);
  });
});
