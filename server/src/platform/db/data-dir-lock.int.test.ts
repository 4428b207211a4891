import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MainProcess, freePort, seedDataDir } from '../../../test/main-process.js';

const READY = 'Atiende is ready';

/** Two server processes on one embedded data directory would silently lose writes: the second must refuse. */
describe('the PGlite data directory is locked to one process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-lock-int-'));
  const pidFile = path.join(dataDir, 'atiende.pid');
  const children: MainProcess[] = [];
  async function start() {
    const port = await freePort();
    const p = new MainProcess({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', DASHBOARD_DIR: path.join(dataDir, 'none') });
    children.push(p);
    return { p, url: `http://127.0.0.1:${port}` };
  }
  beforeAll(() => seedDataDir(dataDir));
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let first: { p: MainProcess; url: string };

  it('a second process on the same DATA_DIR refuses to start and names the directory', async () => {
    first = await start();
    await first.p.waitForOutput(READY);
    const second = await start();
    const { code } = await second.p.exited;
    expect(code).not.toBe(0);
    expect(second.p.stderr).toContain('in use by another Atiende process');
    expect(second.p.stderr).toContain(dataDir);
    expect(second.p.output).not.toContain(READY);
    // The first one is unharmed and still holds the lock.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    expect(fs.existsSync(pidFile)).toBe(true);
  });

  it('after the holder is killed (SIGKILL leaves its pid file behind), a new process starts', async () => {
    const stalePid = fs.readFileSync(pidFile, 'utf8');
    await first.p.kill();
    expect(fs.readFileSync(pidFile, 'utf8')).toBe(stalePid);
    const third = await start();
    await third.p.waitForOutput(READY);
    expect((await fetch(`${third.url}/api/health`)).status).toBe(200);
    expect(fs.readFileSync(pidFile, 'utf8')).not.toBe(stalePid);
  });
});
