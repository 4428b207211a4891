import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, migratePglite } from '../src/platform/db/pglite.js';

/**
 * Creating a PGlite database costs seconds; loading a migrated snapshot costs well under one.
 * Every test file starts from this snapshot.
 */
export default async function setup() {
  const file = path.join(os.tmpdir(), `atiende-pglite-snapshot-${process.pid}.tar.gz`);
  const db = await openPglite();
  await migratePglite(db);
  const dump = await db.pglite.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env.ATIENDE_TEST_PGLITE_SNAPSHOT = file;
  const skipped = [
    !process.env.DATABASE_URL && 'PostgreSQL suites SKIPPED: DATABASE_URL is not set',
    !process.env.REDIS_URL && 'Redis suites SKIPPED: REDIS_URL is not set',
  ].filter(Boolean);
  for (const line of skipped) console.log(`\n*** ${line} ***`);
  return () => fs.rmSync(file, { force: true });
}
