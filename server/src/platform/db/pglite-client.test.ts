import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PglitePreparedQuery } from 'drizzle-orm/pglite/session';
import { sql } from 'drizzle-orm';
import { DRIZZLE_TEXT_TYPES } from './pglite-client.js';
import { openPglite } from './pglite.js';
import { queryRows } from './db.js';
import { pgErrorCode } from '../../modules/pg-errors.js';

/** The suite's migrated snapshot: a database in well under a second instead of seconds of initdb. */
const fromSnapshot = () => openPglite({ loadDataDir: new Blob([fs.readFileSync(process.env.ATIENDE_TEST_PGLITE_SNAPSHOT!)]) });

describe('the PGlite client drizzle uses', () => {
  it('sets on the instance exactly the parsers drizzle would pass with each query', () => {
    const query = new (PglitePreparedQuery as unknown as new (...args: unknown[]) => { queryConfig: { parsers: object }; rawQueryConfig: { parsers: object } })(
      {}, 'select 1', [], undefined, undefined, undefined, undefined, undefined, undefined, false,
    );
    const keys = (o: object) => Object.keys(o).map(Number).sort();
    expect(keys(query.queryConfig.parsers)).toEqual([...DRIZZLE_TEXT_TYPES].sort());
    expect(keys(query.rawQueryConfig.parsers)).toEqual([...DRIZZLE_TEXT_TYPES].sort());
  });

  it('gives drizzle dates and int8 numbers, and raw SQL callers (pg-boss) dates', async () => {
    const database = await openPglite();
    try {
      const at = '2026-03-04T05:06:07.000Z';
      const [row] = await queryRows<Record<string, unknown>>(database.db, sql`SELECT ${at}::timestamptz AS at, 9007199254740991::int8 AS big, '{1,2}'::int8[] AS list`);
      expect(row).toEqual({ at: expect.stringMatching(/^2026-03-04 05:06:07/), big: 9007199254740991, list: [1, 2] });
      const raw = await database.executeSql('SELECT $1::timestamptz AS at', [at]);
      expect((raw.rows[0] as { at: Date }).at).toEqual(new Date(at));
      const plain = await database.executeSql(`SELECT '${at}'::timestamptz AS at`);
      expect((plain.rows[0] as { at: Date }).at).toEqual(new Date(at));
    } finally {
      await database.close();
    }
  });
  it('commits a transaction that returns, rolls back one that throws, and keeps PostgreSQL\'s error fields across the thread', async () => {
    const database = await fromSnapshot();
    try {
      await database.db.execute(sql`CREATE TABLE t (id int PRIMARY KEY)`);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t VALUES (1)`);
      });
      await expect(database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t VALUES (2)`);
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      const duplicate = await database.db.execute(sql`INSERT INTO t VALUES (1)`).catch((err: unknown) => err);
      expect(pgErrorCode(duplicate)).toBe('23505');
      expect(JSON.stringify((duplicate as { cause?: unknown }).cause ?? duplicate)).toContain('t_pkey');
      // A failed statement inside a transaction aborts it; the caller's catch sees the code, and nothing is kept.
      const aborted = await database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO t VALUES (3)`);
        await tx.execute(sql`INSERT INTO t VALUES (1)`);
      }).catch((err: unknown) => err);
      expect(pgErrorCode(aborted)).toBe('23505');
      const rows = await queryRows<{ id: number }>(database.db, sql`SELECT id FROM t ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual([1]);
    } finally {
      await database.close();
    }
  });

  it('runs one transaction at a time: concurrent read-modify-write transactions lose no update', async () => {
    const database = await fromSnapshot();
    try {
      await database.db.execute(sql`CREATE TABLE counter (n int NOT NULL)`);
      await database.db.execute(sql`INSERT INTO counter VALUES (0)`);
      await Promise.all(Array.from({ length: 20 }, () => database.db.transaction(async (tx) => {
        const [{ n }] = await queryRows<{ n: number }>(tx, sql`SELECT n FROM counter`);
        await new Promise((r) => setTimeout(r, 1)); // the other transactions get every chance to interleave
        await tx.execute(sql`UPDATE counter SET n = ${n + 1}`);
      })));
      const [{ n }] = await queryRows<{ n: number }>(database.db, sql`SELECT n FROM counter`);
      expect(n).toBe(20);
    } finally {
      await database.close();
    }
  });
});
