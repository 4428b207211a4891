import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onInterrupt } from './cleanup.js';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases.js';
import { type ServerProcess, startProcess } from './server-process.js';

export type Driver = { kind: 'pglite' } | { kind: 'postgres'; adminUrl: string };

export interface Product {
  server: ServerProcess;
  realtimeUrl: string;
  cookie: string;
  channelId: string;
  secret: string;
  /** A WhatsApp Cloud API channel and the app secret Meta would sign its webhooks with. */
  whatsapp: { channelId: string; appSecret: string; phoneNumberId: string };
  /** Stops the server and removes its data directory and database. */
  dispose(): Promise<void>;
}

/**
 * The real server as a child process on a fresh database (a temporary PGlite data directory, or a
 * new PostgreSQL database dropped afterwards), set up through HTTP as a first-time user would:
 * first-run set-up, then an API channel whose secret signs the inbound messages.
 */
export async function startProduct(driver: Driver, nodeArgs: string[] = []): Promise<Product> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-bench-data-'));
  // DASHBOARD_DIR points at a directory without a build: the bench measures the API, not static files.
  // META_GRAPH_URL: nothing listens on port 9, so creating the WhatsApp channel does not wait for Meta.
  const env: Record<string, string> = { DATA_DIR: dataDir, DASHBOARD_DIR: path.join(dataDir, 'no-dashboard'), LOG_LEVEL: 'warn', META_GRAPH_URL: 'http://127.0.0.1:9' };
  let dbName: string | null = null;
  const cleanup = async () => {
    if (dbName && driver.kind === 'postgres') await dropDatabase(driver.adminUrl, dbName);
    fs.rmSync(dataDir, { recursive: true, force: true });
    forget();
  };
  // Registered before the server's own stop, so on Ctrl-C it runs after it (undo runs in reverse).
  const forget = onInterrupt(cleanup);
  let server: ServerProcess;
  try {
    if (driver.kind === 'postgres') {
      dbName = uniqueDatabaseName('server');
      env.DATABASE_URL = await createDatabase(driver.adminUrl, dbName);
      env.SECRET_KEY = crypto.randomBytes(32).toString('hex');
    }
    server = await startProcess({ name: 'atiende server', entry: 'server/src/main.ts', env, nodeArgs });
  } catch (err) {
    await cleanup();
    throw err;
  }
  const dispose = async () => {
    await server.stop();
    await cleanup();
  };
  try {
    const { cookie, channelId, secret, whatsapp } = await setUp(server.baseUrl);
    return { server, realtimeUrl: `ws://127.0.0.1:${server.port}/api/v1/realtime`, cookie, channelId, secret, whatsapp, dispose };
  } catch (err) {
    const output = server.output();
    await dispose();
    throw new Error(`${(err as Error).message}${output ? `\nserver output:\n${output}` : ''}`);
  }
}

async function setUp(baseUrl: string) {
  const setup = await post(baseUrl, '/api/v1/setup', {
    workspaceName: 'Bench',
    name: 'Bench Owner',
    email: 'owner@bench.local',
    password: 'bench-password-0123456789',
  });
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('atiende_session='));
  if (!cookie) throw new Error('POST /api/v1/setup returned no atiende_session cookie');

  const channel = await post(baseUrl, '/api/v1/channels', { type: 'api', name: 'Bench', config: { outboundUrl: 'http://127.0.0.1:9/unused' } }, cookie);
  const body = (await channel.json()) as { id?: unknown; secret?: unknown };
  if (body.id === undefined || typeof body.secret !== 'string') {
    throw new Error(`POST /api/v1/channels: expected {id, secret}, got ${JSON.stringify(body).slice(0, 300)}`);
  }
  const whatsapp = { appSecret: crypto.randomBytes(16).toString('hex'), phoneNumberId: '109876543210987' };
  const wa = await post(baseUrl, '/api/v1/channels', {
    type: 'whatsapp', name: 'Bench WhatsApp',
    config: { phoneNumberId: whatsapp.phoneNumberId, businessAccountId: '209876543210987' },
    secrets: { accessToken: `EAAbench${crypto.randomBytes(24).toString('hex')}`, appSecret: whatsapp.appSecret },
  }, cookie);
  const waBody = (await wa.json()) as { id?: unknown };
  return { cookie, channelId: String(body.id), secret: body.secret, whatsapp: { ...whatsapp, channelId: String(waBody.id) } };
}

async function post(baseUrl: string, route: string, body: unknown, cookie?: string): Promise<Response> {
  const res = await fetch(new URL(route, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${route}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}
