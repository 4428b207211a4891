import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEST_SECRET_KEY, freshPostgresDatabase } from '../../../test/harness.js';
import { MainProcess } from '../../../test/main-process.js';
import { migrationsFolder } from './db.js';
import { migratePostgres } from './postgres.js';

const journal: { entries: { tag: string }[] } = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every migration applied exactly once, and the tables the spine needs are there. */
async function expectSchemaComplete(url: string) {
  const applied = await query<{ hash: string; n: string | number }>(url, 'SELECT hash, count(*) AS n FROM drizzle.__drizzle_migrations GROUP BY hash');
  expect(applied).toHaveLength(journal.entries.length);
  expect(applied.every((r) => Number(r.n) === 1)).toBe(true);
  const tables = (await query<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t);
  expect(tables).toEqual(expect.arrayContaining(['events', 'subscriber_cursors', 'workspaces', 'conversations', 'messages']));
}

const describePostgres = process.env.DATABASE_URL ? describe : describe.skip;
const suffix = process.env.DATABASE_URL ? '' : ' (skipped: DATABASE_URL is not set)';

describePostgres(`migrations on an empty PostgreSQL database${suffix}`, () => {
  const drops: (() => Promise<void>)[] = [];
  const children: MainProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    for (const drop of drops) await drop().catch(() => {});
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('four concurrent migrations on separate connections all succeed, each migration applied once', async () => {
    const db = await freshPostgresDatabase();
    drops.push(db.drop);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => migratePostgres(db.url)));
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
    await expectSchemaComplete(db.url);
  });

  it('four worker processes starting at once all come up, and stop cleanly', async () => {
    const db = await freshPostgresDatabase();
    drops.push(db.drop);
    for (let i = 0; i < 4; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-migrate-'));
      dirs.push(dataDir);
      children.push(new MainProcess({ ROLE: 'worker', DATABASE_URL: db.url, SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: dataDir, LOG_LEVEL: 'info' }));
    }
    await Promise.all(children.map((c) => c.waitForOutput('Atiende worker started', 90_000)));
    await expectSchemaComplete(db.url);
    const [boss] = await query<{ version: number }>(db.url, 'SELECT version FROM pgboss.version');
    expect(boss.version).toBeGreaterThan(0);
    const exits = await Promise.all(children.map((c) => c.terminate()));
    expect(exits).toEqual(Array(4).fill({ code: 0, signal: null }));
  });
});
