import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_SECRET_KEY } from '../harness.js';
import { MainProcess, freePort } from '../main-process.js';

export { freePort };

/**
 * A real server on a port: `MainProcess` (one node process, as `npm start` runs it) plus readiness on
 * /api/health and a graceful stop that falls back to SIGKILL.
 */
export class ChildServer {
  private constructor(readonly main: MainProcess, readonly url: string, readonly dataDir: string) {}

  get exited() {
    return this.main.exited;
  }

  static async start(opts: { env?: Record<string, string>; dataDir?: string; port?: number; name?: string } = {}): Promise<ChildServer> {
    const port = opts.port ?? (await freePort());
    const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `atiende-${opts.name ?? 'node'}-`));
    const main = new MainProcess({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'warn',
      DASHBOARD_DIR: path.join(dataDir, 'no-dashboard'), // the API only
      ...opts.env,
    });
    const server = new ChildServer(main, `http://127.0.0.1:${port}`, dataDir);
    await server.waitReady();
    return server;
  }

  /** Polls /api/health until the server answers (PGlite's first start creates a database: seconds). */
  async waitReady(timeoutMs = 120_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.main.running) throw new Error(`server exited before it was ready:\n${this.main.output}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.main.output}`);
  }

  /** The server's pid (also the one in the PGlite data-dir lock). */
  serverPid(): number {
    return this.main.pid;
  }

  /** Graceful stop (SIGTERM); SIGKILL to the group if it does not stop in time. */
  async stop(timeoutMs = 30_000) {
    const timer = setTimeout(() => this.main.kill(), timeoutMs);
    const result = await this.main.terminate();
    clearTimeout(timer);
    return result;
  }

  killGroup() {
    return this.main.kill();
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
