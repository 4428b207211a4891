import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Database } from './db.js';
import { migratePglite, openPglite } from './pglite.js';
import { migratePostgres, openPostgres } from './postgres.js';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'dataDir'>): Promise<Database> {
  if (config.DATABASE_URL) {
    await migratePostgres(config.DATABASE_URL);
    return openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  }
  const database = await openPglite({ dataDir: path.resolve(config.dataDir) });
  await migratePglite(database);
  return database;
}
