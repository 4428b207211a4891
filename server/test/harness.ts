import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { loadConfig, type Config } from '../src/platform/config/config.js';
import { createAppContext, closeAppContext, type AppContext } from '../src/platform/context.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { migratePostgres, openPostgres } from '../src/platform/db/postgres.js';
import type { Database } from '../src/platform/db/db.js';
import type { Clock } from '../src/platform/clock.js';
import { buildServer, type Server } from '../src/server.js';

export type Driver = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL when DATABASE_URL is set (CI sets it). */
export const drivers: Driver[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Runs a suite once per available driver; a missing PostgreSQL is reported as a skipped suite, not hidden. */
export function describeEachDriver(name: string, fn: (driver: Driver) => void) {
  for (const driver of ['pglite', 'postgres'] as const) {
    if (drivers.includes(driver)) describe(`${name} [${driver}]`, () => fn(driver));
    else describe.skip(`${name} [${driver}] (skipped: DATABASE_URL is not set)`, () => fn(driver));
  }
}

export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef0123456789';

/** A new, migrated, empty PostgreSQL database on the server of DATABASE_URL; dropped by the returned function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `atiende_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(driver: Driver): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  if (driver === 'pglite') {
    const snapshot = process.env.ATIENDE_TEST_PGLITE_SNAPSHOT!;
    const database = await openPglite({ loadDataDir: new Blob([fs.readFileSync(snapshot)]) });
    return { database, drop: async () => {} };
  }
  const fresh = await freshPostgresDatabase();
  await migratePostgres(fresh.url);
  const database = await openPostgres(fresh.url, 10);
  return { database, url: fresh.url, drop: fresh.drop };
}

export interface TestApp {
  ctx: AppContext;
  server: Server;
  config: Config;
  /**
   * Stops the server, its job workers, dispatcher and bus, and starts new ones on the same database: what a
   * process restart keeps is what is stored. `ctx` and `server` are the new ones afterwards.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A whole server in-process on a fresh database: HTTP through app.inject, sockets through a real port. */
export async function createTestApp(driver: Driver, opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { database, url, drop } = await openTestDatabase(driver);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-test-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SECRET_KEY: TEST_SECRET_KEY,
    PORT: '0',
    HOST: '127.0.0.1',
    ...(url ? { DATABASE_URL: url } : {}),
    ...opts.env,
  });
  // The test's bus follows the driver, unless the test asks for Redis through env.
  const ctx = await createAppContext(config, { database, clock: opts.clock });
  const app: TestApp = {
    ctx,
    server: await buildServer(ctx),
    config,
    async restart() {
      await app.server.close();
      await app.ctx.queue.stop();
      await app.ctx.bus.close();
      app.ctx = await createAppContext(config, { database, clock: opts.clock });
      app.server = await buildServer(app.ctx);
    },
    async close() {
      await app.server.close();
      await closeAppContext(app.ctx);
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
