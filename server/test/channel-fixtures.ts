import crypto from 'node:crypto';
import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';

export interface ApiChannel {
  id: number;
  secret: string;
}

export async function createApiChannel(t: TestApp, admin: Session, opts: { outboundUrl?: string; defaultTeamId?: number; botEnabled?: boolean } = {}): Promise<ApiChannel> {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.headers,
    payload: { type: 'api', name: `API ${Date.now()}`, config: { outboundUrl: opts.outboundUrl ?? 'http://127.0.0.1:9/unused' }, defaultTeamId: opts.defaultTeamId, botEnabled: opts.botEnabled },
  });
  if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { id: body.id ?? body.channel?.id, secret: body.secret };
}

export const sign = (secret: string, raw: string) => `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

/** Posts a signed inbound event exactly as an integrator would. */
export function postInbound(t: TestApp, channel: ApiChannel, body: unknown, opts: { signature?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return t.server.app.inject({
    method: 'POST',
    url: `/hooks/api/${channel.id}`,
    headers: { 'content-type': 'application/json', 'x-atiende-signature': opts.signature ?? sign(channel.secret, raw) },
    payload: raw,
  });
}

export const inboundMessage = (externalId: string, customer: string, text = 'Hola', name = 'Cliente') => ({
  type: 'message',
  externalId,
  contact: { externalId: customer, name },
  text,
});
