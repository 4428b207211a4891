import { describe, expect, it } from 'vitest';
import { PglitePreparedQuery } from 'drizzle-orm/pglite/session';
import { sql } from 'drizzle-orm';
import { DRIZZLE_TEXT_TYPES } from './pglite-client.js';
import { openPglite } from './pglite.js';
import { queryRows } from './db.js';

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
});
