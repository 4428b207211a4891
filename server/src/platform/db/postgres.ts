import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { type Database, migrationsFolder, parseInt8, parseInt8Array, queryLogger } from './db.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return parseInt8;
    if (oid === 1016) return parseInt8Array;
    return pg.types.getTypeParser(oid, format);
  },
};

// drizzle's node-postgres session passes its own per-query parsers, which fall back to the global
// registry, so the pool's `types` alone do not reach raw SQL results: register the same parsers globally.
pg.types.setTypeParser(20, parseInt8);
(pg.types.setTypeParser as (oid: number, parse: (v: string) => unknown) => void)(1016, parseInt8Array);

export function pgPool(url: string, max: number) {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export async function openPostgres(url: string, poolSize: number): Promise<Database & { pool: pg.Pool }> {
  const pool = pgPool(url, poolSize);
  const db = drizzle(pool, { logger: queryLogger });
  return {
    kind: 'postgres',
    db: db as unknown as Database['db'],
    pool,
    url,
    executeSql: (text, values) => pool.query(text, values as unknown[]),
    close: () => pool.end(),
  };
}

/** drizzle's migrate() takes no lock: several nodes starting on an empty database would collide. */
const MIGRATION_LOCK = 7_202_611;

export async function migratePostgres(url: string) {
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
