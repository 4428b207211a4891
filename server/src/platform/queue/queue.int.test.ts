import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, type Session } from '../../../test/fixtures.js';
import { openPostgres } from '../db/postgres.js';
import type { Database } from '../db/db.js';
import type { AppContext } from '../context.js';
import { Queue } from './queue.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
}

describeEachDriver('job queue (pg-boss)', (driver) => {
  let t: TestApp;
  let ctx: AppContext;
  let workspaceId: number;
  let owner: Session;
  const extra: { queue?: Queue; database?: Database }[] = [];

  const sql = (text: string, values: unknown[] = []) => ctx.database.executeSql(text, values);
  async function jobState(name: string, id: string): Promise<{ state: string; retry_count: number; output: any } | undefined> {
    const { rows } = await sql(
      `SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE name = $1 AND id = $2::uuid
       UNION ALL SELECT state::text, retry_count, output FROM pgboss.archive WHERE name = $1 AND id = $2::uuid`,
      [name, id],
    );
    return rows[0];
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
    ctx = t.ctx;
    ({ workspaceId, owner } = await createWorkspace(t));
    await sql('CREATE TABLE test_job_runs (job_key text NOT NULL, node text NOT NULL)');
  });
  afterAll(async () => {
    for (const e of extra) {
      await e.queue?.stop();
      await e.database?.close();
    }
    await t?.close();
  });


  it('creates a queue once when many first uses come at once (each creation would hold a connection)', async () => {
    const boss = ctx.queue.boss;
    const createQueue = boss.createQueue.bind(boss);
    let creations = 0;
    boss.createQueue = (async (...args: Parameters<typeof createQueue>) => {
      creations++;
      return createQueue(...args);
    }) as typeof boss.createQueue;
    try {
      await Promise.all(Array.from({ length: 50 }, () => ctx.queue.define({ name: 'test.defined-at-once' })));
      await ctx.queue.define({ name: 'test.defined-at-once' });
      expect(creations).toBe(1);
      const { rows } = await sql(`SELECT count(*)::int AS n FROM pgboss.queue WHERE name = 'test.defined-at-once'`);
      expect(rows[0].n).toBe(1);
    } finally {
      boss.createQueue = createQueue;
    }
  });
  it('runs a delayed job after its time, not before', async () => {
    const name = 'test.delayed';
    const ran: number[] = [];
    await ctx.queue.work(ctx, { name, async handle() { ran.push(Date.now()); } });
    const due = Date.now() + 1500;
    const id = (await ctx.queue.send(name, { workspaceId }, { startAfter: new Date(due) }))!;
    await pause(900);
    expect(ran).toEqual([]);
    expect((await jobState(name, id))?.state).toBe('created');
    await waitFor('the delayed job to run', () => ran.length === 1, 6000);
    expect(ran[0]).toBeGreaterThanOrEqual(due);
    await waitFor('completion', async () => (await jobState(name, id))?.state === 'completed');
  });

  it('retries a failing job with growing delays until it succeeds', async () => {
    const name = 'test.retry-backoff';
    const attempts: { at: number; retryCount: number }[] = [];
    await ctx.queue.work(ctx, {
      name,
      options: { retryLimit: 3, retryDelay: 1, retryBackoff: true },
      async handle(_ctx, _data, job) {
        attempts.push({ at: Date.now(), retryCount: job.retryCount });
        if (attempts.length <= 2) throw new Error(`attempt ${attempts.length} failed`);
      },
    });
    const id = (await ctx.queue.send(name, { workspaceId }))!;
    await waitFor('the job to complete', async () => (await jobState(name, id))?.state === 'completed', 15_000);
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    expect((await jobState(name, id))?.retry_count).toBe(2);
    // Backoff: the first retry waits at least retryDelay (1 s), the second at least twice that.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(2000);
  });

  it('ends a job that exhausts its retries as failed, with its error, visible through the API', async () => {
    const name = 'test.always-fails';
    let runs = 0;
    await ctx.queue.work(ctx, {
      name,
      options: { retryLimit: 1, retryDelay: 0 },
      async handle() {
        runs++;
        throw new Error('the provider rejected the message');
      },
    });
    const id = (await ctx.queue.send(name, { workspaceId }))!;
    await waitFor('the job to fail', async () => (await jobState(name, id))?.state === 'failed');
    expect(runs).toBe(2);
    const res = await t.server.app.inject({ url: '/api/v1/jobs?state=failed', headers: owner.headers });
    expect(res.statusCode).toBe(200);
    const job = res.json().items.find((j: { id: string }) => j.id === id);
    expect(job).toMatchObject({ id, queue: name, state: 'failed', retryCount: 1, error: 'the provider rejected the message' });
  });

  it('enqueues one job when the same key is sent twice', async () => {
    const name = 'test.keyed';
    let runs = 0;
    await ctx.queue.define({ name });
    const first = await ctx.queue.send(name, { workspaceId }, { key: 'message-42' });
    const second = await ctx.queue.send(name, { workspaceId }, { key: 'message-42' });
    const other = await ctx.queue.send(name, { workspaceId }, { key: 'message-43' });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(other).not.toBe(first);
    const { rows } = await sql('SELECT id FROM pgboss.job WHERE name = $1', [name]);
    expect(rows.map((r) => r.id).sort()).toEqual([first, other].sort());
    await ctx.queue.work(ctx, { name, async handle() { runs++; } });
    await waitFor('both jobs to complete', async () => (await jobState(name, first!))?.state === 'completed' && (await jobState(name, other!))?.state === 'completed');
    expect(runs).toBe(2);
  });

  it(`never runs one of 200 jobs twice with several workers${driver === 'postgres' ? ' on two nodes' : ''}`, async () => {
    const name = 'test.many';
    const queues: { node: string; queue: Queue }[] = [{ node: 'a', queue: ctx.queue }];
    if (driver === 'postgres') {
      // A second node: its own connection pool and its own pg-boss instance on the same database.
      const database = await openPostgres(ctx.database.url!, 4);
      const queue = await Queue.open(database, ctx.log);
      extra.push({ queue, database });
      queues.push({ node: 'b', queue });
    }
    // The whole backlog first, then the workers of both nodes: each takes from a full queue (a node that
    // works while jobs trickle in is woken at once and would leave nothing for the other's next poll).
    await ctx.queue.define({ name });
    for (let n = 0; n < 200; n++) await ctx.queue.send(name, { workspaceId, n });
    for (const { node, queue } of queues) {
      await queue.work(ctx, {
        name,
        concurrency: 4,
        async handle(_ctx, data: { workspaceId: number; n: number }) {
          await sql('INSERT INTO test_job_runs (job_key, node) VALUES ($1, $2)', [`${name}:${data.n}`, node]);
          await pause(10);
        },
      });
    }
    const count = async () => Number((await sql(`SELECT count(*) AS n FROM test_job_runs WHERE job_key LIKE 'test.many:%'`)).rows[0].n);
    await waitFor('200 runs', async () => (await count()) >= 200, 25_000);
    await pause(600); // one more polling interval: a duplicate would show up now
    const { rows } = await sql(
      `SELECT count(*) AS runs, count(DISTINCT job_key) AS jobs FROM test_job_runs WHERE job_key LIKE 'test.many:%'`,
    );
    expect(rows[0]).toEqual({ runs: 200, jobs: 200 });
    if (driver === 'postgres') {
      const byNode = (await sql(`SELECT node, count(*) AS n FROM test_job_runs WHERE job_key LIKE 'test.many:%' GROUP BY node ORDER BY node`)).rows;
      expect(byNode.map((r) => r.node)).toEqual(['a', 'b']); // both nodes took part
    }
  });
});
