import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET_KEY } from '../harness.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

/** The API channel is the lead's part: the system tests need it to exist. */
export const apiChannelExists = fs.existsSync(path.join(repoRoot, 'server/src/modules/channels/api'));

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

/** Variables of ours that the test's own environment may carry and a child must not inherit by accident. */
const OWN_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST', 'DATA_DIR', 'ROLE', 'SECRET_KEY', 'LOG_LEVEL', 'PUBLIC_URL', 'STORAGE_DIR', 'DASHBOARD_DIR'];

/**
 * A real server process: `tsx server/src/main.ts`, as `npm start` runs it. tsx runs the server in a
 * child of its own; the child gets its own process group so that cleanup reaches both.
 */
export class ChildServer {
  readonly logs: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly proc: ChildProcess, readonly url: string, readonly dataDir: string) {
    const keep = (b: Buffer) => {
      this.logs.push(b.toString());
      if (this.logs.length > 400) this.logs.splice(0, 200);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(opts: { env?: Record<string, string>; dataDir?: string; port?: number; name?: string } = {}): Promise<ChildServer> {
    const port = opts.port ?? (await freePort());
    const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `atiende-${opts.name ?? 'node'}-`));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of OWN_VARIABLES) delete env[k];
    Object.assign(env, {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'warn',
      DASHBOARD_DIR: path.join(dataDir, 'no-dashboard'), // the API only
      ...opts.env,
    });
    const proc = spawn(tsx, ['server/src/main.ts'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new ChildServer(proc, `http://127.0.0.1:${port}`, dataDir);
    await server.waitReady();
    return server;
  }

  /** Polls /api/health until the server answers (PGlite's first start creates a database: seconds). */
  async waitReady(timeoutMs = 120_000) {
    const until = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < until) {
      if (exited) throw new Error(`server exited before it was ready:\n${this.logs.join('')}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.logs.join('')}`);
  }

  /** The pid of the server itself (tsx's child), from the PGlite data-dir lock. */
  serverPid(): number {
    return Number(fs.readFileSync(path.join(this.dataDir, 'atiende.pid'), 'utf8'));
  }

  /** Graceful stop (SIGTERM, which tsx relays); SIGKILL to the group if it does not stop in time. */
  async stop(timeoutMs = 30_000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.exited;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.killGroup(), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }

  killGroup() {
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export interface ApiResponse {
  status: number;
  body: any;
  cookie?: string;
}

/** JSON over HTTP against a child server; `cookie` is the `atiende_session=…` pair. */
export async function api(baseUrl: string, method: string, url: string, opts: { body?: unknown; cookie?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<ApiResponse> {
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
    body: payload,
  });
  const text = await res.text();
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('atiende_session='));
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, cookie: setCookie?.split(';')[0] };
}

function expectOk(res: ApiResponse, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

/** First-run set-up, then an API channel: what an integrator does on a new installation. */
export async function setUpWorkspaceWithApiChannel(baseUrl: string, name = 'Sistema') {
  const setup = await api(baseUrl, 'POST', '/api/v1/setup', {
    body: { workspaceName: name, name: 'Ana Pérez', email: `ana-${crypto.randomBytes(4).toString('hex')}@example.test`, password: 'correct horse battery staple' },
  });
  expectOk(setup, 201, 'set-up');
  const cookie = setup.cookie!;
  const channel = await api(baseUrl, 'POST', '/api/v1/channels', { cookie, body: { type: 'api', name: 'API', config: { outboundUrl: 'http://127.0.0.1:9/unused' } } });
  expectOk(channel, 201, 'create API channel');
  return { cookie, workspaceId: setup.body.workspace.id as number, channelId: channel.body.id as number, secret: channel.body.secret as string };
}

/** A customer message on the API channel, signed as the channel contract asks. */
export async function sendInbound(baseUrl: string, channel: { channelId: number; secret: string }, msg: { externalId: string; contact: string; text: string }): Promise<ApiResponse> {
  const raw = JSON.stringify({ type: 'message', externalId: msg.externalId, contact: { externalId: msg.contact, name: `Cliente ${msg.contact.slice(-3)}` }, text: msg.text });
  const signature = `sha256=${crypto.createHmac('sha256', channel.secret).update(raw).digest('hex')}`;
  return api(baseUrl, 'POST', `/hooks/api/${channel.channelId}`, { raw, headers: { 'x-atiende-signature': signature } });
}
