import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MainProcess } from '../../../test/main-process.js';

describe('the server refuses to start on invalid configuration', () => {
  const children: MainProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-config-'));
  const start = (env: Record<string, string>) => {
    const p = new MainProcess({ DATA_DIR: dataDir, ...env });
    children.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('names PORT when it is not a number, and exits non-zero without touching the data directory', async () => {
    const p = start({ PORT: 'abc' });
    const { code } = await p.exited;
    expect(code).not.toBe(0);
    expect(p.stderr).toMatch(/Invalid configuration/);
    expect(p.stderr).toMatch(/PORT/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('names SECRET_KEY when DATABASE_URL is set without it', async () => {
    const p = start({ PORT: '0', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    const { code } = await p.exited;
    expect(code).not.toBe(0);
    expect(p.stderr).toMatch(/SECRET_KEY/);
    expect(p.stderr).not.toMatch(/ECONNREFUSED/); // refused before any connection was tried
  });
});
