import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import type { SQL } from 'drizzle-orm';

export type Db = PgDatabase<PgQueryResultHKT>;

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** One database, whichever driver: drizzle for the code, raw SQL for pg-boss, close on shutdown. */
export interface Database extends SqlExecutor {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** A postgres:// URL when the database is a server (pg-boss and LISTEN connect on their own). */
  url?: string;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Observers see every query drizzle runs; tests use this to count queries per request. */
const queryObservers = new Set<(sql: string) => void>();
export function observeQueries(fn: (sql: string) => void): () => void {
  queryObservers.add(fn);
  return () => queryObservers.delete(fn);
}
export const queryLogger: Logger = {
  logQuery(query) {
    for (const fn of queryObservers) fn(query);
  },
};

/** int8 (20) and int8[] (1016) become JS numbers on both drivers; ids stay far below 2^53. */
export const parseInt8 = (v: string) => Number(v);
export const parseInt8Array = (v: string) => (v === '{}' ? [] : v.slice(1, -1).split(',').map((x) => (x === 'NULL' ? null : Number(x))));

/** Raw SQL for the queries drizzle's builder cannot express; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
