import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { onInterrupt } from './cleanup.js';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';

type Query = (text: string, params: unknown[]) => Promise<unknown>;

const CREATE = `CREATE TABLE bench_ref (id bigserial PRIMARY KEY, body text, external_id text UNIQUE)`;
const INSERT = `INSERT INTO bench_ref (body, external_id) VALUES ($1, $2) RETURNING id`;

/**
 * The reference for ingest: sequential single-row INSERT … RETURNING commits (autocommit, one at a
 * time) on the same kind of database the server uses. Returns commits per second.
 */
async function insertLoop(query: Query, seconds: number): Promise<number> {
  await query(CREATE, []);
  let n = 0;
  const run = async (untilMs: number) => {
    let count = 0;
    while (performance.now() < untilMs) {
      await query(INSERT, [`Hola, quisiera saber el estado de mi pedido número ${n}`, `ref-${n}`]);
      n++;
      count++;
    }
    return count;
  };
  await run(performance.now() + 1000); // warm-up: caches, JIT, the table's first pages
  const start = performance.now();
  const count = await run(start + seconds * 1000);
  return count / ((performance.now() - start) / 1000);
}

/** In-process PGlite of the server's version, on a file data directory as the server uses. */
export async function referenceInsertPglite(seconds: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-bench-ref-'));
  const db = new PGlite({ dataDir: dir });
  const forget = onInterrupt(() => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    await db.waitReady;
    return await insertLoop((text, params) => db.query(text, params), seconds);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    forget();
  }
}

/** One pg.Client on a fresh database of the same PostgreSQL server, dropped afterwards. */
export async function referenceInsertPostgres(adminUrl: string, seconds: number): Promise<number> {
  const name = uniqueDatabaseName('ref');
  const url = await createDatabase(adminUrl, name);
  const forget = onInterrupt(() => dropDatabase(adminUrl, name));
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return await insertLoop((text, params) => client.query(text, params), seconds);
  } finally {
    await client.end().catch(() => {});
    await dropDatabase(adminUrl, name);
    forget();
  }
}
