import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/platform/db/pglite.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables of ours that the test's environment may carry and a child must not inherit by accident. */
const OWN_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST', 'DATA_DIR', 'ROLE', 'SECRET_KEY', 'LOG_LEVEL', 'PUBLIC_URL', 'STORAGE_DIR', 'DASHBOARD_DIR'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Fills an embedded data directory from the test suite's migrated snapshot, so a child server's first
 * start skips creating a database (seconds of initdb in WASM).
 */
export async function seedDataDir(dataDir: string) {
  const database = await openPglite({ dataDir, loadDataDir: new Blob([fs.readFileSync(process.env.ATIENDE_TEST_PGLITE_SNAPSHOT!)]) });
  await database.close();
}

/**
 * The server as one process, `node --import tsx server/src/main.ts`, with exactly the environment given.
 * Not the `tsx` CLI: it runs the server in a child and, on SIGTERM, SIGKILLs that child unless it
 * acknowledges the signal within 30 ms, which a busy server (PGlite runs on the main thread) misses
 * under load, so a graceful stop would be tested by chance. The process gets its own group for kill().
 */
export class MainProcess {
  output = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcess;

  constructor(env: Record<string, string>) {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const k of OWN_VARIABLES) delete base[k];
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: repoRoot, env: { ...base, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (b: Buffer) => (this.output += b.toString()));
    this.proc.stderr!.on('data', (b: Buffer) => {
      this.output += b.toString();
      this.stderr += b.toString();
    });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid() {
    return this.proc.pid!;
  }

  get running() {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Resolves when the output contains `text`; rejects if the process exits first or time runs out. */
  async waitForOutput(text: string, timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (!this.running) throw new Error(`exited before printing "${text}":\n${this.output}`);
      if (Date.now() > until) throw new Error(`no "${text}" after ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM, as a process manager stops the server. */
  terminate() {
    if (this.running) this.proc.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL to the whole group (cleanup, or a simulated crash). */
  kill() {
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    return this.exited;
  }
}
