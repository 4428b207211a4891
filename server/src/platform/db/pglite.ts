import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { acquireDataDirLock } from './data-dir-lock.js';
import { DrizzlePgliteClient, defaultParsers, drizzleParsers } from './pglite-client.js';
import { type Database, migrationsFolder, parseInt8, parseInt8Array, queryLogger } from './db.js';

export interface PgliteOptions {
  /** A directory for a file-backed database; omitted: in memory. */
  dataDir?: string;
  /** A dump made by dumpDataDir, to start from (tests start from a migrated snapshot). */
  loadDataDir?: Blob | File;
}

export async function openPglite(opts: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  let releaseLock = () => {};
  let dir: string | undefined;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(opts.dataDir);
    dir = path.join(opts.dataDir, 'pglite');
  }
  const pglite = new PGlite({
    dataDir: dir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: { 20: parseInt8, 1016: parseInt8Array, ...drizzleParsers },
  });
  try {
    await pglite.waitReady;
  } catch (err) {
    releaseLock();
    throw err;
  }
  const db = drizzle(new DrizzlePgliteClient(pglite) as unknown as PGlite, { logger: queryLogger });
  return {
    kind: 'pglite',
    db: db as unknown as Database['db'],
    pglite,
    async executeSql(text, values) {
      if (values && values.length) return pglite.query(text, values, { parsers: defaultParsers });
      const results = await pglite.exec(text, { parsers: defaultParsers });
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async close() {
      await pglite.close();
      releaseLock();
    },
  };
}

/** PGlite is one process's database: no lock to take, migrations run once per start. */
export async function migratePglite(database: Database & { pglite: PGlite }) {
  await migrate(drizzle(database.pglite), { migrationsFolder });
}
