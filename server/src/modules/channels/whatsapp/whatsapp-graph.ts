import { ChannelSendError, type ChannelRecord, type SendOptions } from '../channel.js';
import { classifyGraphError } from './whatsapp-errors.js';

type Json = Record<string, any>;

/** The channel's settings the Graph calls need (validated on save by channel-settings.ts). */
export function whatsappAccount(channel: ChannelRecord) {
  const accessToken = channel.secrets?.accessToken;
  const phoneNumberId = String(channel.config.phoneNumberId ?? '');
  const businessAccountId = String(channel.config.businessAccountId ?? '');
  if (!accessToken) throw new ChannelSendError('permanent', 'The channel has no access token configured');
  if (!phoneNumberId) throw new ChannelSendError('permanent', 'The channel has no phone number id configured');
  return { accessToken, phoneNumberId, businessAccountId };
}

/** `https://graph.facebook.com/v23.0` (META_GRAPH_URL and META_GRAPH_VERSION, so the fake can stand in). */
export function graphBase(opts: SendOptions) {
  return `${opts.config.META_GRAPH_URL.replace(/\/$/, '')}/${opts.config.META_GRAPH_VERSION}`;
}

/**
 * One Graph API call with the channel's bearer token; a failure is thrown as a classified ChannelSendError
 * (an unreachable Graph is retryable).
 */
export async function graphCall(channel: ChannelRecord, opts: SendOptions, path: string, init: { method?: 'GET' | 'POST'; body?: Json; query?: Record<string, string> } = {}): Promise<Json> {
  const { accessToken } = whatsappAccount(channel);
  const url = new URL(`${graphBase(opts)}/${path}`);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${accessToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    throw new ChannelSendError('retryable', `Could not reach the WhatsApp Cloud API: ${(err as Error).message}`);
  }
  let body: Json | null = null;
  try {
    body = (await res.json()) as Json;
  } catch {
    /* not JSON: classified by the HTTP status */
  }
  if (res.ok && body && !body.error) return body;
  throw classifyGraphError(res.status, body, res.headers);
}
