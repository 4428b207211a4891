import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onInterrupt } from './cleanup.js';
import { sleep } from './stats.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables the server reads: the bench sets them itself, never inherits them from the shell. */
const SERVER_ENV_KEYS = [
  'PORT', 'HOST', 'PUBLIC_URL', 'ROLE', 'DATA_DIR', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'REDIS_URL',
  'SECRET_KEY', 'SMTP_URL', 'STORAGE_DIR', 'LOG_LEVEL', 'DASHBOARD_DIR',
];

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

export interface ServerProcess {
  name: string;
  pid: number;
  port: number;
  baseUrl: string;
  /** Resident set size now, and its peak (VmHWM), in MB, read from /proc. */
  memoryMb(): { rss: number; peak: number };
  /** The last lines the process printed, for error reports. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** A TypeScript entry point, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

/**
 * Runs `node --import tsx <entry>`: the same loader as `tsx <entry>`, but one process instead of
 * a tsx wrapper plus a child, so the pid we measure memory of is the server itself.
 */
export async function startProcess(opts: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of SERVER_ENV_KEYS) delete env[key];
  Object.assign(env, opts.env, { PORT: String(port), HOST: '127.0.0.1' });

  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
      resolve();
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const forget = onInterrupt(() => proc.stop());
  const proc: ServerProcess = {
    name: opts.name,
    pid: child.pid!,
    port,
    baseUrl,
    memoryMb: () => readMemory(child.pid!),
    output: () => tail,
    async stop() {
      forget();
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timeout = sleep(15_000).then(() => 'timeout');
      if ((await Promise.race([exit, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${opts.name} exited with code ${exited} before it was ready:\n${tail}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return proc;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await proc.stop();
  throw new Error(`${opts.name} was not ready after ${opts.readyTimeoutMs ?? 90_000} ms:\n${tail}`);
}

function readMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
