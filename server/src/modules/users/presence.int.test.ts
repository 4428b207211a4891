import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createApiToken, createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { presenceSweepJob, PRESENCE_SWEEP } from './presence.job.js';

const MINUTE = 60_000;

describeEachDriver('activity status and presence', (driver) => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  let owner: Session;
  let workspaceId: number;

  const http = (s: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    t.server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const heartbeat = async (s: Session, idle = false) => {
    const res = await http(s, 'POST', '/api/v1/presence/heartbeat', { idle });
    expect(res.statusCode).toBe(200);
    return res.json().status as string;
  };
  const choose = async (s: Session, status: string) => {
    const res = await http(s, 'PUT', '/api/v1/profile/status', { status });
    expect(res.statusCode).toBe(200);
    return res.json().status as string;
  };
  const member = async (s: Session) => (await http(owner, 'GET', `/api/v1/users/${s.userId}`)).json().user as { status: string; lastSeenAt: string | null };
  const changes = async (s: Session) => (await eventsOfType(t, workspaceId, 'user.status_changed')).filter((e) => e.payload.userId === s.userId).map((e) => e.payload.status);
  /** The check a heartbeat schedules, run now (its time is the test's clock). */
  const runScheduledCheck = () => presenceSweepJob.handle(t.ctx, { workspaceId }, { id: 'test', retryCount: 0, retryLimit: 0 });
  const scheduledChecks = async () => {
    const { rows } = await t.ctx.database.executeSql(`SELECT data, start_after FROM pgboss.job WHERE name = $1 AND (data->>'workspaceId')::bigint = $2 ORDER BY start_after`, [PRESENCE_SWEEP, workspaceId]);
    return rows.map((r: { start_after: Date | string }) => new Date(r.start_after).getTime());
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { clock });
    ({ owner, workspaceId } = await createWorkspace(t));
  });
  afterAll(() => t?.close());

  it('a member starts offline; a heartbeat puts them online, the team sees the status and when they were last seen', async () => {
    const ana = await createMember(t, owner, { role: 'agent', accessLevel: 'assigned' });
    expect(await member(ana)).toMatchObject({ status: 'offline', lastSeenAt: null });
    expect(await heartbeat(ana)).toBe('online');
    expect(await member(ana)).toEqual(expect.objectContaining({ status: 'online', lastSeenAt: clock.now().toISOString() }));
    const list = (await http(ana, 'GET', '/api/v1/users')).json().items;
    expect(list.find((u: { id: number }) => u.id === ana.userId)).toMatchObject({ status: 'online' });
    expect((await http(ana, 'GET', '/api/v1/profile')).json().user.status).toBe('online');
    const [event] = (await eventsOfType(t, workspaceId, 'user.status_changed')).slice(-1);
    expect(event).toMatchObject({ payload: { userId: ana.userId, status: 'online' }, actor_type: 'user', actor_id: ana.userId });
  });

  it('idle turns an automatic online into away and activity brings it back; a heartbeat that changes nothing is no event', async () => {
    const beto = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    expect(await heartbeat(beto)).toBe('online');
    expect(await heartbeat(beto)).toBe('online');
    clock.advance(5 * MINUTE);
    expect(await heartbeat(beto, true)).toBe('away');
    expect(await heartbeat(beto, true)).toBe('away');
    expect(await heartbeat(beto, false)).toBe('online');
    expect(await changes(beto)).toEqual(['online', 'away', 'online']);
    expect((await member(beto)).lastSeenAt).toBe(clock.now().toISOString());
  });

  it('a chosen status holds whatever the heartbeats say; choosing online hands it back to presence', async () => {
    const carla = await createMember(t, owner, { role: 'supervisor', accessLevel: 'all' });
    await heartbeat(carla);
    expect(await choose(carla, 'busy')).toBe('busy');
    expect(await heartbeat(carla, false)).toBe('busy');
    expect(await heartbeat(carla, true)).toBe('busy');
    expect(await choose(carla, 'away')).toBe('away');
    expect(await heartbeat(carla, false)).toBe('away');
    expect(await choose(carla, 'online')).toBe('online');
    expect(await heartbeat(carla, true)).toBe('away');
    expect(await heartbeat(carla, false)).toBe('online');
    expect(await changes(carla)).toEqual(['online', 'busy', 'away', 'online', 'away', 'online']);
  });

  it('no heartbeat for two minutes: the scheduled check turns the member offline, and only them', async () => {
    const dora = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    const eli = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    const gone = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    await heartbeat(gone);
    await choose(gone, 'busy');
    const start = clock.now().getTime();
    await heartbeat(dora);
    const checks = await scheduledChecks();
    // One check per workspace and 30-second step, due after the timeout of the last heartbeat.
    expect(checks.some((at) => at > start + 2 * MINUTE && at <= start + 2.5 * MINUTE)).toBe(true);
    clock.advance(90_000);
    await heartbeat(eli);
    await heartbeat(dora);
    await heartbeat(eli);
    expect((await scheduledChecks()).length).toBeLessThanOrEqual(checks.length + 1);

    clock.set(new Date(start + 2 * MINUTE + 1000));
    await runScheduledCheck();
    expect((await member(gone)).status).toBe('offline');
    expect((await member(dora)).status).toBe('online');
    expect((await member(eli)).status).toBe('online');
    const [event] = (await eventsOfType(t, workspaceId, 'user.status_changed')).filter((e) => e.payload.userId === gone.userId).slice(-1);
    expect(event).toMatchObject({ payload: { status: 'offline' }, actor_type: 'system' });

    clock.advance(2 * MINUTE);
    await runScheduledCheck();
    expect((await member(dora)).status).toBe('offline');
    expect((await member(eli)).status).toBe('offline');
    await runScheduledCheck();
    expect(await changes(eli)).toEqual(['online', 'offline']);

    // Back after the break: presence decides again (busy was a state of the moment).
    expect(await heartbeat(gone)).toBe('online');
  });

  it('a member who chose offline stays offline while they keep working, and when they come back', async () => {
    const fede = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    await heartbeat(fede);
    expect(await choose(fede, 'offline')).toBe('offline');
    expect(await heartbeat(fede)).toBe('offline');
    clock.advance(10 * MINUTE);
    await runScheduledCheck();
    expect(await heartbeat(fede)).toBe('offline');
    expect(await changes(fede)).toEqual(['online', 'offline']);
  });

  it("auto-offline: away (idle) for the workspace's minutes turns offline and stays so while idle; activity brings them back", async () => {
    expect((await http(owner, 'PATCH', '/api/v1/workspace', { autoOfflineMinutes: 10 })).json().workspace.autoOfflineMinutes).toBe(10);
    const idleSince = async (s: Session) => {
      const { rows } = await t.ctx.database.executeSql('SELECT idle_since FROM memberships WHERE workspace_id = $1 AND user_id = $2', [workspaceId, s.userId]);
      const v = (rows[0] as { idle_since: Date | string | null }).idle_since;
      return v === null ? null : new Date(v).toISOString();
    };
    const gabi = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    const hugo = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    const busy = await createMember(t, owner, { role: 'agent', accessLevel: 'all' });
    await heartbeat(gabi);
    await heartbeat(hugo);
    await choose(busy, 'away');
    expect(await idleSince(gabi)).toBeNull();
    clock.advance(5 * MINUTE);
    const start = clock.now().toISOString();
    expect(await heartbeat(gabi, true)).toBe('away');
    expect(await heartbeat(hugo, true)).toBe('away');
    expect(await heartbeat(busy, true)).toBe('away');
    expect(await idleSince(gabi)).toBe(start);
    // Idle heartbeats every 90 s keep the clock's start; 9.5 minutes in, the check leaves them away.
    for (let i = 0; i < 6; i++) {
      clock.advance(90_000);
      expect(await heartbeat(gabi, true)).toBe('away');
      expect(await heartbeat(busy, true)).toBe('away');
      if (i < 5) expect(await heartbeat(hugo, true)).toBe('away');
    }
    clock.advance(30_000);
    expect(await idleSince(gabi)).toBe(start);
    await heartbeat(hugo, false); // hugo came back just in time
    expect(await idleSince(hugo)).toBeNull();
    await runScheduledCheck();
    expect((await member(gabi)).status).toBe('away');

    clock.advance(30_000); // 10 minutes away
    await runScheduledCheck();
    expect((await member(gabi)).status).toBe('offline');
    expect((await member(hugo)).status).toBe('online');
    expect((await member(busy)).status).toBe('away'); // chosen: idleness never overrides it
    const [event] = (await eventsOfType(t, workspaceId, 'user.status_changed')).filter((e) => e.payload.userId === gabi.userId).slice(-1);
    expect(event).toMatchObject({ payload: { status: 'offline' }, actor_type: 'system' });

    // The dashboard is still open and idle: its heartbeats do not bring them back to away.
    expect(await heartbeat(gabi, true)).toBe('offline');
    expect(await heartbeat(gabi, false)).toBe('online');
    expect(await idleSince(gabi)).toBeNull();
    expect(await changes(gabi)).toEqual(['online', 'away', 'offline', 'online']);

    // Without a sweep in between, an idle heartbeat past the minutes turns them offline itself.
    expect(await heartbeat(hugo, true)).toBe('away');
    clock.advance(10 * MINUTE);
    expect(await heartbeat(hugo, true)).toBe('offline');
  });

  it('names a bad status; only signed-in users have one', async () => {
    const res = await http(owner, 'PUT', '/api/v1/profile/status', { status: 'sleeping' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('body.status');
    expect((await http(owner, 'POST', '/api/v1/presence/heartbeat', { idle: 'yes' })).statusCode).toBe(400);
    // A heartbeat without a body counts as active.
    const bare = await t.server.app.inject({ method: 'POST', url: '/api/v1/presence/heartbeat', headers: owner.headers });
    expect(bare.statusCode).toBe(200);
    expect(bare.json().status).toBe('online');
    const token = { headers: { authorization: `Bearer ${await createApiToken(t, owner)}` } };
    expect((await http(token, 'POST', '/api/v1/presence/heartbeat', { idle: false })).statusCode).toBe(403);
    expect((await http(token, 'PUT', '/api/v1/profile/status', { status: 'busy' })).statusCode).toBe(403);
    expect((await http({ headers: {} }, 'POST', '/api/v1/presence/heartbeat', { idle: false })).statusCode).toBe(401);
  });
});
