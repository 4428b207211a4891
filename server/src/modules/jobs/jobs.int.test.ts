import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createMember, createWorkspace, eventsOfType, type Session } from '../../../test/fixtures.js';

const QUEUE = 'test.flaky-delivery';

describeEachDriver('jobs: failed jobs through the API', (driver) => {
  let t: TestApp;
  let a: { workspaceId: number; owner: Session };
  let b: { workspaceId: number; owner: Session };
  let agent: Session;
  const attempts = new Map<string, number>();

  const inject = (opts: object) => t.server.app.inject(opts as never);
  const jobs = (s: Session, query = '') => inject({ url: `/api/v1/jobs${query}`, headers: s.headers });
  /** Polls the API, as an admin would, until the job reaches the state. */
  async function waitForState(s: Session, id: string, state: string) {
    for (let i = 0; i < 150; i++) {
      const found = (await jobs(s, `?queue=${QUEUE}`)).json().items.find((j: { id: string }) => j.id === id);
      if (found?.state === state) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${id} never became ${state}`);
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
    a = await createWorkspace(t);
    b = await createWorkspace(t);
    agent = await createMember(t, a.owner, { role: 'agent', accessLevel: 'all' });
    // Fails on its first attempt, succeeds on the next: a provider that was briefly down.
    await t.ctx.queue.work(t.ctx, {
      name: QUEUE,
      options: { retryLimit: 0 },
      async handle(_ctx, data: { workspaceId: number; key: string }) {
        const n = (attempts.get(data.key) ?? 0) + 1;
        attempts.set(data.key, n);
        if (n === 1) throw new Error(`provider answered 503 for ${data.key}`);
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a failed job of the workspace with its error', async () => {
    const id = (await t.ctx.queue.send(QUEUE, { workspaceId: a.workspaceId, key: 'first' }))!;
    const failed = await waitForState(a.owner, id, 'failed');
    expect(failed).toMatchObject({ id, queue: QUEUE, state: 'failed', retryCount: 0, error: 'provider answered 503 for first' });
    expect(failed.completedOn).not.toBeNull();
    const onlyFailed = (await jobs(a.owner, '?state=failed')).json().items;
    expect(onlyFailed.map((j: { id: string }) => j.id)).toContain(id);
    expect(onlyFailed.every((j: { state: string }) => j.state === 'failed')).toBe(true);
  });

  it('retries a failed job, which then completes', async () => {
    const id = (await t.ctx.queue.send(QUEUE, { workspaceId: a.workspaceId, key: 'second' }))!;
    await waitForState(a.owner, id, 'failed');
    const res = await inject({ method: 'POST', url: `/api/v1/jobs/${QUEUE}/${id}/retry`, headers: a.owner.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().job.id).toBe(id);
    await waitForState(a.owner, id, 'completed');
    expect(attempts.get('second')).toBe(2);
    expect((await eventsOfType(t, a.workspaceId, 'job.retried')).map((e) => e.payload)).toContainEqual({ queue: QUEUE, jobId: id });
  });

  it('refuses to retry a job that has not failed', async () => {
    const id = (await t.ctx.queue.send(QUEUE, { workspaceId: a.workspaceId, key: 'later' }, { startAfter: new Date(Date.now() + 3600_000) }))!;
    const res = await inject({ method: 'POST', url: `/api/v1/jobs/${QUEUE}/${id}/retry`, headers: a.owner.headers });
    expect(res.statusCode).toBe(409);
    expect((await jobs(a.owner, '?state=created')).json().items.map((j: { id: string }) => j.id)).toContain(id);
  });

  it('keeps each workspace to its own jobs', async () => {
    const id = (await t.ctx.queue.send(QUEUE, { workspaceId: a.workspaceId, key: 'private' }))!;
    await waitForState(a.owner, id, 'failed');
    expect((await jobs(b.owner)).json().items.map((j: { id: string }) => j.id)).not.toContain(id);
    const res = await inject({ method: 'POST', url: `/api/v1/jobs/${QUEUE}/${id}/retry`, headers: b.owner.headers });
    expect(res.statusCode).toBe(404);
    expect((await waitForState(a.owner, id, 'failed')).state).toBe('failed');
  });

  it('pages newest first', async () => {
    const all = (await jobs(a.owner, `?queue=${QUEUE}`)).json().items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = (await jobs(a.owner, `?queue=${QUEUE}&limit=2`)).json();
    const rest = (await jobs(a.owner, `?queue=${QUEUE}&limit=50&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...rest.items].map((j: { id: string }) => j.id)).toEqual(all.map((j: { id: string }) => j.id));
    const times = all.map((j: { createdOn: string }) => Date.parse(j.createdOn));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('is for admins only, and validates its input', async () => {
    expect((await jobs(agent)).statusCode).toBe(403);
    const bad = await jobs(a.owner, '?state=exploded');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.state');
    const badId = await inject({ method: 'POST', url: `/api/v1/jobs/${QUEUE}/not-a-uuid/retry`, headers: a.owner.headers });
    expect(badId.json().error.details[0].field).toBe('params.id');
  });
});
