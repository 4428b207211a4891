import type { AddressInfo } from 'node:net';
import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';
import { VISITOR_TOKEN_HEADER } from '../src/modules/channels/webchat/visitor-token.js';

export interface WebchatChannel {
  id: number;
  publicToken: string;
  identitySecret: string;
}

export async function createWebchatChannel(t: TestApp, admin: Session, config: Record<string, unknown> = {}, name = 'Chat del sitio'): Promise<WebchatChannel> {
  const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: admin.headers, payload: { type: 'webchat', name, config } });
  if (res.statusCode !== 201) throw new Error(`create webchat channel: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { id: body.id, publicToken: body.config.publicToken, identitySecret: body.secret };
}

export interface VisitorSession {
  visitorId: string;
  visitorToken: string;
  headers: Record<string, string>;
  body: any;
}

/** A visitor's session as the widget opens it. */
export async function startVisitor(
  t: TestApp,
  channel: WebchatChannel,
  opts: { user?: Record<string, unknown>; visitorToken?: string; headers?: Record<string, string> } = {},
): Promise<VisitorSession> {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/widget/session',
    headers: opts.headers,
    payload: { channel: channel.publicToken, ...(opts.user ? { user: opts.user } : {}), ...(opts.visitorToken ? { visitorToken: opts.visitorToken } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`widget session: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { visitorId: body.visitorId, visitorToken: body.visitorToken, headers: { ...(opts.headers ?? {}), [VISITOR_TOKEN_HEADER]: body.visitorToken }, body };
}

let seq = 0;
export const clientId = () => `c${Date.now().toString(36)}${(++seq).toString().padStart(6, '0')}`;

/** The visitor writes, as the widget does. */
export async function visitorSays(t: TestApp, v: VisitorSession, text: string, extra: Record<string, unknown> = {}) {
  const res = await t.server.app.inject({ method: 'POST', url: '/api/v1/widget/messages', headers: v.headers, payload: { id: clientId(), text, ...extra } });
  if (res.statusCode !== 201) throw new Error(`visitor message: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; conversationId: number; from: string; body: string };
}

export const widgetGet = (t: TestApp, v: VisitorSession, url: string) => t.server.app.inject({ method: 'GET', url, headers: v.headers });
export const widgetPost = (t: TestApp, v: VisitorSession, url: string, payload?: unknown) => t.server.app.inject({ method: 'POST', url, headers: v.headers, payload: payload as never });

export async function agentReplies(t: TestApp, agent: Session, conversationId: number, body: string) {
  const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: agent.headers, payload: { body } });
  if (res.statusCode !== 201) throw new Error(`agent reply: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number };
}

export async function closeConversation(t: TestApp, agent: Session, conversationId: number) {
  const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/close`, headers: agent.headers, payload: {} });
  if (res.statusCode !== 200) throw new Error(`close: ${res.statusCode} ${res.body}`);
}

export async function listen(t: TestApp): Promise<string> {
  if (!t.server.app.server.listening) await t.server.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}`;
}
