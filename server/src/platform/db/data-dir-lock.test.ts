import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError, acquireDataDirLock } from './data-dir-lock.js';

describe('acquireDataDirLock', () => {
  let dir: string;
  const pidFile = () => path.join(dir, 'atiende.pid');
  const others: ChildProcess[] = [];
  /** A live process that is not us: the lock must treat its pid as an owner. */
  function liveOtherProcess() {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    others.push(child);
    return child.pid!;
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterAll(() => {
    for (const c of others) c.kill('SIGKILL');
  });

  it('writes our pid and removes it on release', () => {
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(pidFile())).toBe(false);
    release(); // twice is harmless
  });

  it('refuses a directory held by another live process, naming the directory', () => {
    const pid = liveOtherProcess();
    fs.writeFileSync(pidFile(), String(pid));
    let error: unknown;
    try {
      acquireDataDirLock(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain('in use by another Atiende process');
    expect((error as Error).message).toContain(`pid ${pid}`);
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(pid)); // the owner's file is untouched
  });

  it('takes over the pid file of a process that is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.writeFileSync(pidFile(), String(gone));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over an empty or garbled pid file (a crash while writing it)', () => {
    fs.writeFileSync(pidFile(), '');
    acquireDataDirLock(dir)();
    fs.writeFileSync(pidFile(), 'not a pid');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('does not remove a pid file that another process wrote after ours', () => {
    const release = acquireDataDirLock(dir);
    const pid = liveOtherProcess();
    fs.writeFileSync(pidFile(), String(pid));
    release();
    expect(fs.readFileSync(pidFile(), 'utf8')).toBe(String(pid));
  });
});
