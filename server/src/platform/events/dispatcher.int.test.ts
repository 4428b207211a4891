import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { openPostgres } from '../db/postgres.js';
import { queryRows, type Database, type Db } from '../db/db.js';
import type { AppContext } from '../context.js';
import { Dispatcher, type Subscriber } from './dispatcher.js';
import { appendEvents, eventsAfter } from './events.repo.js';
import type { EventRow } from './event-types.js';
import { inTransaction } from './transaction.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
}

/** Events of test workspaces only: the app's own subscribers never act on these. */
let nextWorkspace = 900_000;
const newWorkspace = () => ++nextWorkspace;

function emitEvents(ctx: AppContext, workspaceId: number, n: number) {
  return inTransaction(ctx, async (_tx, emit) => {
    for (let i = 0; i < n; i++) emit({ workspaceId, type: 'test.ping', actor: { type: 'system' }, payload: { i } });
  });
}

async function eventIds(db: Db, workspaceId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`SELECT id FROM events WHERE workspace_id = ${workspaceId} ORDER BY id`);
  return rows.map((r) => r.id);
}

async function cursorOf(db: Db, name: string) {
  const [row] = await queryRows<{ last_event_id: number; lease_owner: string | null }>(
    db,
    sql`SELECT last_event_id, lease_owner FROM subscriber_cursors WHERE name = ${name}`,
  );
  return row;
}

/** A subscriber that records every batch it is handed. */
function recorder(name: string, workspaceId: number, opts: { failFirst?: number; slowMs?: number } = {}) {
  const batches: number[][] = [];
  let calls = 0;
  let inFlight = 0;
  let overlaps = 0;
  const sub: Subscriber = {
    name,
    accepts: (e: EventRow) => e.workspaceId === workspaceId,
    async handle(_ctx, events) {
      calls++;
      inFlight++;
      if (inFlight > 1) overlaps++;
      try {
        batches.push(events.map((e) => e.id));
        if (opts.slowMs) await pause(opts.slowMs);
        if (calls <= (opts.failFirst ?? 0)) throw new Error(`${name} failed on purpose (call ${calls})`);
      } finally {
        inFlight--;
      }
    },
  };
  return { sub, batches, seen: () => batches.flat(), overlaps: () => overlaps };
}

/** A projection that writes one test_projection row per event, and fails (after writing) its first `failFirst` batches. */
function counter(name: string, workspaceId: number, failFirst = 0) {
  let attempts = 0;
  const sub: Subscriber = {
    name,
    accepts: (e) => e.workspaceId === workspaceId,
    async project(tx, events) {
      attempts++;
      for (const e of events) await tx.execute(sql`INSERT INTO test_projection (event_id, subscriber) VALUES (${e.id}, ${name})`);
      if (attempts <= failFirst) throw new Error(`${name} failed on purpose after writing, before its cursor moved`);
    },
  };
  return { sub, attempts: () => attempts };
}

/** The events a counter wrote, in order. */
async function countedBy(db: Db, name: string): Promise<number[]> {
  return (await queryRows<{ event_id: number }>(db, sql`SELECT event_id FROM test_projection WHERE subscriber = ${name} ORDER BY event_id`)).map((r) => r.event_id);
}

describeEachDriver('event log and dispatcher', (driver) => {
  let t: TestApp;
  let ctx: AppContext;
  const running: Dispatcher[] = [];
  const extraDatabases: Database[] = [];

  function startDispatcher(subs: Subscriber[], over: Partial<AppContext> = {}) {
    const d = new Dispatcher({ ...ctx, ...over }, subs);
    d.start();
    running.push(d);
    return d;
  }
  async function stopDispatcher(d: Dispatcher) {
    await d.stop();
    running.splice(running.indexOf(d), 1);
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
    ctx = t.ctx;
    await ctx.db.execute(sql`CREATE TABLE test_state (v text PRIMARY KEY)`);
    await ctx.db.execute(sql`CREATE TABLE test_projection (event_id bigint NOT NULL, subscriber text NOT NULL)`);
  });
  afterAll(async () => {
    for (const d of running) await d.stop();
    for (const d of extraDatabases) await d.close();
    await t?.close();
  });

  it('commits state and events together, and a thrown error writes neither', async () => {
    const ws = newWorkspace();
    await inTransaction(ctx, async (tx, emit) => {
      await tx.execute(sql`INSERT INTO test_state (v) VALUES ('kept')`);
      emit({ workspaceId: ws, type: 'test.kept', actor: { type: 'system' }, payload: { v: 'kept' } });
    });
    await expect(
      inTransaction(ctx, async (tx, emit) => {
        await tx.execute(sql`INSERT INTO test_state (v) VALUES ('lost')`);
        emit({ workspaceId: ws, type: 'test.lost', actor: { type: 'system' }, payload: { v: 'lost' } });
        throw new Error('use case refused');
      }),
    ).rejects.toThrow('use case refused');

    const state = await queryRows<{ v: string }>(ctx.db, sql`SELECT v FROM test_state ORDER BY v`);
    expect(state.map((r) => r.v)).toEqual(['kept']);
    const events = await queryRows<{ type: string }>(ctx.db, sql`SELECT type FROM events WHERE workspace_id = ${ws}`);
    expect(events.map((e) => e.type)).toEqual(['test.kept']);
  });

  it('assigns event ids in commit order: a reader following its cursor skips none under concurrent commits', async () => {
    const ws = newWorkspace();
    const seen: number[] = [];
    let writersDone = false;
    const reader = (async () => {
      let cursor = 0;
      for (;;) {
        const finalPass = writersDone;
        const batch = await eventsAfter(ctx.db, cursor, 1000, ws);
        for (const e of batch) seen.push(e.id);
        if (batch.length) cursor = batch.at(-1)!.id;
        if (finalPass) return;
        await pause(2);
      }
    })();
    // Half the writers hold their appended events uncommitted for 50 ms: without the append lock a
    // later id would commit first and the reader would move its cursor past the earlier one.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? ctx.db.transaction(async (tx) => {
              await appendEvents(tx as unknown as Db, [{ workspaceId: ws, type: 'test.slow', actor: { type: 'system' } }]);
              await tx.execute(sql`SELECT pg_sleep(0.05)`);
            })
          : inTransaction(ctx, async (tx, emit) => {
              await tx.execute(sql`SELECT pg_sleep(${(i % 5) * 0.01})`);
              emit({ workspaceId: ws, type: 'test.fast', actor: { type: 'system' } });
              emit({ workspaceId: ws, type: 'test.fast', actor: { type: 'system' } });
            }),
      ),
    );
    writersDone = true;
    await reader;
    const all = await eventIds(ctx.db, ws);
    expect(all).toHaveLength(30);
    expect(seen).toEqual(all);
  });

  it('delivers events in id order to each subscriber, across batches', async () => {
    const ws = newWorkspace();
    const a = recorder(`test.order-a.${driver}`, ws);
    const b = recorder(`test.order-b.${driver}`, ws);
    await emitEvents(ctx, ws, 250); // more than one batch
    const d = startDispatcher([a.sub, b.sub]);
    for (let i = 0; i < 5; i++) await emitEvents(ctx, ws, 3);
    const all = await eventIds(ctx.db, ws);
    expect(all).toHaveLength(265);
    await waitFor('both subscribers to catch up', () => a.seen().length >= 265 && b.seen().length >= 265);
    await stopDispatcher(d);
    expect(a.seen()).toEqual(all);
    expect(b.seen()).toEqual(all);
    expect(a.batches.length).toBeGreaterThan(1);
  });

  it('keeps a durable cursor: a restarted dispatcher on another node resumes after the last acknowledged batch', async () => {
    const ws = newWorkspace();
    const name = `test.restart.${driver}`;
    const first = recorder(name, ws);
    await emitEvents(ctx, ws, 5);
    const d1 = startDispatcher([first.sub], { nodeId: 'restart-node-1' });
    await waitFor('the first run to see 5 events', () => first.seen().length === 5);
    await stopDispatcher(d1);
    const before = await eventIds(ctx.db, ws);
    expect((await cursorOf(ctx.db, name)).last_event_id).toBeGreaterThanOrEqual(before.at(-1)!);

    await emitEvents(ctx, ws, 4);
    const after = (await eventIds(ctx.db, ws)).slice(5);
    // A new process has a new node id; a clean stop released the lease, so it need not wait for expiry.
    const second = recorder(name, ws);
    const d2 = startDispatcher([second.sub], { nodeId: 'restart-node-2' });
    await waitFor('the second run to see the new events', () => second.seen().length >= 4, 5000);
    await stopDispatcher(d2);
    expect(first.seen()).toEqual(before);
    expect(second.seen()).toEqual(after);
  });

  it('redelivers a batch whose handler threw (at-least-once) and then moves on', async () => {
    const ws = newWorkspace();
    const name = `test.flaky.${driver}`;
    const flaky = recorder(name, ws, { failFirst: 1 });
    await emitEvents(ctx, ws, 3);
    const all = await eventIds(ctx.db, ws);
    const d = startDispatcher([flaky.sub]);
    await waitFor('the retried batch', () => flaky.batches.length >= 2);
    await waitFor('the cursor to pass the batch', async () => (await cursorOf(ctx.db, name)).last_event_id >= all.at(-1)!);
    await stopDispatcher(d);
    expect(flaky.batches[0]).toEqual(all);
    expect(flaky.batches[1]).toEqual(all);
    expect(flaky.batches).toHaveLength(2);
  });

  it('a projection counts each event exactly once when the process dies between its writes and the cursor', async () => {
    const ws = newWorkspace();
    const name = `test.projection.${driver}`;
    const projection = counter(name, ws, 1);
    await emitEvents(ctx, ws, 7);
    const d = startDispatcher([projection.sub]);
    await waitFor('the projection to be retried', () => projection.attempts() >= 2);
    await emitEvents(ctx, ws, 2);
    const all = await eventIds(ctx.db, ws);
    await waitFor('the cursor to reach the last event', async () => (await cursorOf(ctx.db, name)).last_event_id >= all.at(-1)!);
    await stopDispatcher(d);
    expect(await countedBy(ctx.db, name)).toEqual(all);
  });

  it('a failing projection rolls back alone: the handlers of its round move on, once each, and it counts every event once', async () => {
    const ws = newWorkspace();
    const name = `test.projection-round.${driver}`;
    const projection = counter(name, ws, 2);
    const handler = recorder(`test.round-handler.${driver}`, ws);
    await emitEvents(ctx, ws, 5);
    const all = await eventIds(ctx.db, ws);
    const d = startDispatcher([handler.sub, projection.sub]);
    await waitFor('the handler cursor to pass the batch', async () => (await cursorOf(ctx.db, handler.sub.name))?.last_event_id >= all.at(-1)!);
    await waitFor('the projection cursor to pass the batch', async () => (await cursorOf(ctx.db, name))?.last_event_id >= all.at(-1)!);
    await stopDispatcher(d);
    expect(projection.attempts()).toBe(3);
    expect(handler.batches).toEqual([all]);
    expect(await countedBy(ctx.db, name)).toEqual(all);
  });

  it('a projection counts each event once even when two loops of one node step it at the same time', async () => {
    const ws = newWorkspace();
    const name = `test.projection-twice.${driver}`;
    await emitEvents(ctx, ws, 20);
    const all = await eventIds(ctx.db, ws);
    const d = new Dispatcher(ctx, [counter(name, ws).sub]);
    await Promise.all([d.drain(), d.drain(), d.drain()]);
    expect(await countedBy(ctx.db, name)).toEqual(all);
  });

  it('two nodes never handle one subscriber at the same time, and every event is handled once', async () => {
    const ws = newWorkspace();
    const name = `test.lease.${driver}`;
    const shared = { batches: [] as number[][], inFlight: 0, overlaps: 0, byNode: new Map<string, number>() };
    const subFor = (node: string): Subscriber => ({
      name,
      accepts: (e) => e.workspaceId === ws,
      async handle(_ctx, events) {
        shared.inFlight++;
        if (shared.inFlight > 1) shared.overlaps++;
        shared.byNode.set(node, (shared.byNode.get(node) ?? 0) + 1);
        await pause(5);
        shared.batches.push(events.map((e) => e.id));
        shared.inFlight--;
      },
    });
    // Node B has its own connections to the database, as another process would.
    let dbB = ctx.db;
    if (driver === 'postgres') {
      const other = await openPostgres(ctx.database.url!, 4);
      extraDatabases.push(other);
      dbB = other.db;
    }
    const a = startDispatcher([subFor('a')], { nodeId: 'lease-node-a' });
    const b = startDispatcher([subFor('b')], { nodeId: 'lease-node-b', db: dbB });
    for (let i = 0; i < 20; i++) {
      await emitEvents(ctx, ws, 10);
      a.poke();
      b.poke();
      await pause(3);
    }
    const all = await eventIds(ctx.db, ws);
    await waitFor('all 200 events to be handled', () => shared.batches.flat().length >= all.length);
    await stopDispatcher(a);
    await stopDispatcher(b);
    expect(shared.overlaps).toBe(0);
    expect(shared.batches.flat()).toEqual(all);
  });

  it('takes over a stale lease of a node that is gone once it expires, not before', async () => {
    const ws = newWorkspace();
    const name = `test.stale.${driver}`;
    const rec = recorder(name, ws);
    await emitEvents(ctx, ws, 3);
    const all = await eventIds(ctx.db, ws);
    await ctx.db.execute(
      sql`INSERT INTO subscriber_cursors (name, last_event_id, lease_owner, lease_until) VALUES (${name}, 0, 'crashed-node', now() + interval '1500 milliseconds')`,
    );
    const d = startDispatcher([rec.sub], { nodeId: 'survivor-node' });
    await pause(700);
    expect(rec.seen()).toEqual([]); // the lease is still the crashed node's
    await waitFor('the survivor to take over', () => rec.seen().length === 3, 5000);
    await stopDispatcher(d);
    expect(rec.seen()).toEqual(all);
    expect((await cursorOf(ctx.db, name)).last_event_id).toBe(all.at(-1));
  });
});
