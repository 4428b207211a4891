import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed so far (shown when a test fails). */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * The real server as a user runs it (`tsx server/src/main.ts`), embedded on a fresh data directory and a free
 * port, serving the built dashboard. Variables of a scale-out set-up (DATABASE_URL, REDIS_URL) are removed: every
 * test starts from an empty installation of its own.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-e2e-'));
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL', 'ROLE', 'STORAGE_DIR', 'SECRET_KEY']) delete childEnv[name];
  Object.assign(childEnv, {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Info: without SMTP_URL the server writes mail (invitations, password resets) to its log, where tests read links.
    LOG_LEVEL: 'info',
    DASHBOARD_DIR: path.join(repoRoot, 'dashboard', 'dist'),
    ...env,
  });
  // The binary itself, not npx: killing npx would leave the server running and the test hanging.
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['server/src/main.ts'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches tsx's node child too
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;

  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // Generous: a first start creates the database (initdb + migrations), slow on a busy 2-core machine.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server was not ready within 150 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!fs.existsSync(path.join(repoRoot, 'dashboard', 'dist', 'index.html'))) {
    await stop();
    throw new Error('dashboard/dist/index.html is missing: build the dashboard first (npm run build -w dashboard)');
  }
  return { url, dataDir, output: () => output, stop };
}
