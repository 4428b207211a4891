import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MainProcess, freePort, seedDataDir } from '../../test/main-process.js';
import { openPglite } from './db/pglite.js';
import { queryRows } from './db/db.js';

describe('SIGTERM stops an embedded server cleanly', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-sigterm-'));
  let server: MainProcess;
  beforeAll(() => seedDataDir(dataDir));
  afterAll(async () => {
    await server?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 0, removes its pid file and leaves a database that opens with what was written', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = new MainProcess({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', DASHBOARD_DIR: path.join(dataDir, 'none') });
    await server.waitForOutput('Atiende is ready');
    expect(fs.existsSync(path.join(dataDir, 'atiende.pid'))).toBe(true);
    const setup = await fetch(`${url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Apagado limpio', name: 'Ana Pérez', email: 'ana@example.test', password: 'correct horse battery staple' }),
    });
    expect(setup.status).toBe(201);

    const { code, signal } = await server.terminate();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output).toContain('shutting down');
    expect(fs.existsSync(path.join(dataDir, 'atiende.pid'))).toBe(false);

    // The lock is free and the data is there: PGlite was closed, not abandoned.
    const database = await openPglite({ dataDir });
    try {
      const rows = await queryRows<{ name: string }>(database.db, sql`SELECT name FROM workspaces`);
      expect(rows.map((r) => r.name)).toEqual(['Apagado limpio']);
    } finally {
      await database.close();
    }
  });
});
