import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { waitForMailedLink } from './mail.js';
import type { RunningServer } from './server.js';

export interface Agent {
  context: BrowserContext;
  id: number;
  name: string;
  email: string;
}

export interface ApiChannel {
  id: number;
  secret: string;
}

const newContext = (browser: Browser) => browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });

/** The JSON of an API answer the test expects to succeed; otherwise the test fails with the answer's body. */
export async function okJson<T = any>(response: { status(): number; text(): Promise<string>; json(): Promise<unknown> }, what = 'API call'): Promise<T> {
  expect(response.status(), `${what}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** First-run set-up through the API, in a browser context that is then signed in as the owner. */
export async function setUpWorkspace(server: RunningServer, browser: Browser, workspaceName: string): Promise<Agent> {
  const context = await newContext(browser);
  const email = 'ana@optica.test';
  const session = await okJson<{ user: { id: number; name: string } }>(
    await context.request.post(`${server.url}/api/v1/setup`, {
      data: { workspaceName, name: 'Ana Pérez', email, password: 'ana-clave-segura', language: 'es' },
    }),
    'set-up',
  );
  return { context, id: session.user.id, name: session.user.name, email };
}

/** Invites a teammate and accepts in a browser context of their own, signed in as them. */
export async function addAgent(
  server: RunningServer,
  browser: Browser,
  owner: Agent,
  person: { name: string; email: string; role?: string; accessLevel?: string; teamIds?: number[] },
): Promise<Agent> {
  const since = server.output().length;
  await okJson(
    await owner.context.request.post(`${server.url}/api/v1/invitations`, {
      data: { email: person.email, name: person.name, role: person.role ?? 'agent', accessLevel: person.accessLevel ?? 'all', teamIds: person.teamIds ?? [] },
    }),
    `invite ${person.email}`,
  );
  const link = await waitForMailedLink(server, '/accept-invitation', since);
  const token = new URL(link, server.url).searchParams.get('token')!;
  const context = await newContext(browser);
  const session = await okJson<{ user: { id: number; name: string } }>(
    await context.request.post(`${server.url}/api/v1/invitations/accept`, { data: { token, name: person.name, password: `${person.email}-clave` } }),
    `accept ${person.email}`,
  );
  return { context, id: session.user.id, name: session.user.name, email: person.email };
}

export async function createApiChannel(server: RunningServer, owner: Agent, name: string): Promise<ApiChannel> {
  return okJson<ApiChannel>(
    await owner.context.request.post(`${server.url}/api/v1/channels`, {
      data: { type: 'api', name, config: { outboundUrl: 'http://127.0.0.1:9/unused' } },
    }),
    'create channel',
  );
}

let sequence = 0;

/** A customer message through the API channel, signed as the channel's provider would. */
export async function customerSays(server: RunningServer, channel: ApiChannel, contact: { externalId: string; name?: string; phone?: string }, text: string) {
  const body = JSON.stringify({ type: 'message', externalId: `e2e-${Date.now()}-${++sequence}`, contact, text });
  const signature = `sha256=${crypto.createHmac('sha256', channel.secret).update(body).digest('hex')}`;
  const response = await fetch(`${server.url}/hooks/api/${channel.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-atiende-signature': signature },
    body,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as { conversationId: number; messageId: number };
}

