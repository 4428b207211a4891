import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDriver, openTestDatabase } from '../../../test/harness.js';
import { observeQueries, type Database, type Db } from '../db/db.js';
import { memoryBus } from '../bus/memory-bus.js';
import { appendEvents, eventsAfter, lastEventId } from './events.repo.js';
import { RecentEvents } from './recent-events.js';
import { inTransaction } from './transaction.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDriver('recent events (the in-memory tail of the log)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let recent: RecentEvents;
  let ctx: { db: Db; bus: ReturnType<typeof memoryBus>; recentEvents: RecentEvents };
  let start: number;
  let queries = 0;
  let stopObserving = () => {};

  const commit = (n: number, workspaceId = 1) =>
    inTransaction(ctx, async (_tx, emit) => {
      for (let i = 0; i < n; i++) emit({ workspaceId, type: 'test.ping', actor: { type: 'system' }, payload: { i, at: new Date(0) } });
    });
  /** A commit this process does not see: another node's, as far as the tail can tell. */
  const commitElsewhere = (n: number) =>
    database.db.transaction((tx) => appendEvents(tx as unknown as Db, Array.from({ length: n }, () => ({ workspaceId: 1, type: 'test.other', actor: { type: 'system' as const } }))));
  const counted = async <T>(fn: () => Promise<T>) => {
    const before = queries;
    const value = await fn();
    return { value, queries: queries - before };
  };

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(driver));
    stopObserving = observeQueries(() => queries++);
  });
  afterAll(async () => {
    stopObserving();
    await database.close();
    await drop();
  });
  beforeEach(async () => {
    recent = new RecentEvents(database.db, 50);
    const bus = memoryBus();
    bus.subscribe('atiende_events', (m) => recent.hint(Number(m)));
    ctx = { db: database.db, bus, recentEvents: recent };
    start = await lastEventId(database.db);
    await recent.after(start, 100); // the first read seeds the tail
  });

  it('serves what this process committed without a query, exactly as the database would', async () => {
    await commit(3);
    await commit(2);
    const fromMemory = await counted(() => recent.after(start, 100));
    expect(fromMemory.queries).toBe(0);
    expect(fromMemory.value.map((e) => e.payload)).toEqual([0, 1, 2, 0, 1].map((i) => ({ i, at: new Date(0).toISOString() })));
    expect(fromMemory.value).toEqual(await eventsAfter(database.db, start, 100));
    expect(await recent.after(fromMemory.value[2].id, 1)).toEqual([fromMemory.value[3]]);
  });

  it('reads the database when a commit it did not see lies in between, then serves from memory again', async () => {
    await commit(1);
    await commitElsewhere(2);
    await commit(1);
    const read = await counted(() => recent.after(start, 100));
    expect(read.queries).toBe(1);
    expect(read.value.map((e) => e.type)).toEqual(['test.ping', 'test.other', 'test.other', 'test.ping']);
    await commit(1);
    const next = await counted(() => recent.after(read.value.at(-1)!.id, 100));
    expect(next.queries).toBe(0);
    expect(next.value).toHaveLength(1);
  });

  it('reads the database when the bus announces an event beyond what it holds', async () => {
    const [other] = await commitElsewhere(1);
    recent.hint(other.id);
    const read = await counted(() => recent.after(start, 100));
    expect(read.queries).toBe(1);
    expect(read.value.map((e) => e.id)).toEqual([other.id]);
  });

  it('checks the database again after a second, so a lost bus message only delays', async () => {
    await commitElsewhere(1); // no hint, no push
    expect(await recent.after(start, 100)).toEqual([]);
    await pause(1_050);
    expect((await recent.after(start, 100)).map((e) => e.type)).toEqual(['test.other']);
  });

  it('keeps only the newest events; a reader further behind gets its page from the database', async () => {
    await commit(80);
    const all = await eventsAfter(database.db, start, 1000);
    const behind = await counted(() => recent.after(start, 10));
    expect(behind.queries).toBe(1);
    expect(behind.value).toEqual(all.slice(0, 10));
    const recentPage = await counted(() => recent.after(all[60].id, 10));
    expect(recentPage.queries).toBe(0);
    expect(recentPage.value).toEqual(all.slice(61, 71));
  });

  it('is not fooled by the ids a rolled-back transaction took', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await appendEvents(tx as unknown as Db, [{ workspaceId: 1, type: 'test.lost', actor: { type: 'system' } }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await commit(1);
    const read = await counted(() => recent.after(start, 100));
    expect(read.queries).toBe(1);
    expect(read.value.map((e) => e.type)).toEqual(['test.ping']);
  });
});
