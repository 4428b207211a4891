import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDriver, openTestDatabase } from '../../../test/harness.js';
import { events } from '../events/events.tables.js';
import { queryRows, type Database } from './db.js';

/** int8 is one JS type whichever driver answers: pg would give strings, PGlite numbers or BigInts. */
describeEachDriver('int8 values come back as JS numbers', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(driver));
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('through drizzle: a bigserial id, bigint columns and a bigint[] column', async () => {
    const [inserted] = await database.db
      .insert(events)
      .values({ workspaceId: 7, type: 'test.int8', actorType: 'system', actorId: 9_007_199_254_740_991, audience: [3, 4] })
      .returning();
    expect(typeof inserted.id).toBe('number');
    const [row] = await database.db.select().from(events).where(eq(events.id, inserted.id));
    expect(row).toMatchObject({ id: inserted.id, workspaceId: 7, actorId: 9_007_199_254_740_991, audience: [3, 4], conversationId: null });
    expect(typeof row.workspaceId).toBe('number');
  });

  it('through raw SQL: count(*), bigint, bigint[] with NULLs, empty arrays, also inside a transaction', async () => {
    const query = sql`SELECT count(*) AS n, 42::bigint AS big, -5::int8 AS negative, NULL::bigint AS nothing,
      ARRAY[1, NULL, 3]::bigint[] AS arr, '{}'::bigint[] AS empty, 2::int4 AS small`;
    const expected = { n: 1, big: 42, negative: -5, nothing: null, arr: [1, null, 3], empty: [], small: 2 };
    const [plain] = await queryRows<Record<string, unknown>>(database.db, query);
    expect(plain).toStrictEqual(expected);
    const [inTx] = await database.db.transaction(async (tx) => queryRows<Record<string, unknown>>(tx as unknown as Database['db'], query));
    expect(inTx).toStrictEqual(expected);
  });

  it('through executeSql (what pg-boss and the jobs repository use)', async () => {
    const { rows } = await database.executeSql('SELECT count(*) AS n, $1::bigint AS p, ARRAY[$1::bigint, 8] AS arr', [12]);
    expect(rows[0]).toStrictEqual({ n: 1, p: 12, arr: [12, 8] });
  });
});
