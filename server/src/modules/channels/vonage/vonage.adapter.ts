import crypto from 'node:crypto';
import {
  type ChannelAdapter, type ChannelRecord, ChannelSendError, type DeliveryStatusUpdate, type InboundEvent, InvalidPayloadError,
} from '../channel.js';
import { callProvider, sendError } from '../sms/provider-http.js';
import { smsMessage } from '../sms/sms-inbound.js';
import { smsText } from '../sms/sms-outbound.js';
import { normalisePhone, withoutPlus } from '../sms/phone.js';
import { hexHashMatches, sha256Hex, signRs256Jwt, verifyHmacJwt } from '../sms/jwt.js';

type Json = Record<string, any>;

/** Messages API statuses as delivery updates (read only happens on channels with receipts, not SMS). */
const STATUS: Record<string, DeliveryStatusUpdate> = {
  submitted: 'sent', delivered: 'delivered', read: 'read', rejected: 'failed', undeliverable: 'failed', failed: 'failed',
};

/** How long the token of one API call is valid: the call happens at once. */
const TOKEN_SECONDS = 300;

/**
 * Vonage Messages API, SMS channel. The Vonage application's Inbound URL and Status URL both point at
 * /hooks/vonage/{channelId}; Vonage signs each webhook with the account's signature secret: a JWT (HS256) in
 * `Authorization: Bearer` whose `payload_hash` claim is the SHA-256 of the body. Replies go through
 * `POST /v1/messages`, authenticated as the application (RS256 JWT with its private key): Vonage documents
 * that Basic authentication gets no status webhooks. Errors come as RFC 7807 problem JSON.
 */
export const vonageAdapter: ChannelAdapter = {
  type: 'vonage',
  capabilities: {
    media: { types: [], maxBytes: 0 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: false,
  },

  verify(channel, req) {
    const secret = channel.secrets?.signatureSecret;
    const header = req.headers.authorization;
    if (!secret || typeof header !== 'string' || !/^Bearer /i.test(header)) return false;
    const claims = verifyHmacJwt(header.slice(7).trim(), secret, ['HS256']);
    if (!claims || !hexHashMatches(claims.payload_hash, sha256Hex(req.rawBody))) return false;
    // The secret is the account's: a token naming another of its applications is not for this channel.
    return claims.application_id === undefined || claims.application_id === channel.config.applicationId;
  },

  parse(_channel, req) {
    const b = req.body as Json | null;
    if (!b || typeof b !== 'object' || Array.isArray(b) || typeof b.message_uuid !== 'string' || !b.message_uuid) {
      throw new InvalidPayloadError('Invalid message_uuid: expected a Vonage Messages API webhook', 'message_uuid');
    }
    if (typeof b.status === 'string') return statusEvents(b);
    if (b.channel !== undefined && b.channel !== 'sms') return []; // another channel of the same application
    if (typeof b.from !== 'string' || !b.from) throw new InvalidPayloadError('Invalid from: expected the sender\'s number', 'from');
    return [smsMessage({ externalId: b.message_uuid, from: b.from, text: typeof b.text === 'string' ? b.text : '', sentAt: b.timestamp ? new Date(b.timestamp) : undefined })];
  },

  async send(channel, message, opts) {
    const from = String(channel.config.from ?? '');
    const body = {
      message_type: 'text',
      channel: 'sms',
      to: withoutPlus(normalisePhone(message.contactExternalId)),
      from: /^\+?\d+$/.test(from) ? withoutPlus(from) : from,
      text: smsText(message, 'Vonage'),
      client_ref: String(message.messageId),
    };
    const { res, body: answer } = await callProvider('Vonage', `${opts.config.VONAGE_API_URL.replace(/\/$/, '')}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${applicationToken(channel)}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }, opts);
    if (res.ok && typeof answer?.message_uuid === 'string') return { externalId: answer.message_uuid };
    const problem = describeProblem(answer, res.status);
    throw sendError(res, problem.text, problem.code);
  },

  /**
   * "Test connection": an authenticated read as the application (`GET /v1/conversations`, which takes the same
   * RS256 token the sends do), so a wrong application ID or private key shows before a reply fails. Unverified
   * against a live account: that an application with only the Messages capability may list conversations.
   */
  async connect(channel, _webhook, opts) {
    const { res, body } = await callProvider('Vonage', `${opts.config.VONAGE_API_URL.replace(/\/$/, '')}/v1/conversations?page_size=1`, {
      headers: { authorization: `Bearer ${applicationToken(channel)}`, accept: 'application/json' },
    }, opts);
    if (res.ok) return;
    const problem = describeProblem(body, res.status);
    if (res.status === 401 || res.status === 403) {
      throw new Error(`Vonage refused the application ${String(channel.config.applicationId)} with this private key (${problem.code}: ${problem.text})`);
    }
    throw new Error(`Vonage did not answer as expected (${problem.code}: ${problem.text})`);
  },
};


/**
 * The application's token for one API call. Its times are the real clock's, not the injected one: Vonage checks
 * them against its own.
 */
function applicationToken(channel: ChannelRecord): string {
  const key = channel.secrets?.privateKey;
  if (!key) throw new ChannelSendError('permanent', 'The channel has no Vonage application private key configured');
  const now = Math.floor(Date.now() / 1000);
  try {
    return signRs256Jwt({ application_id: channel.config.applicationId, iat: now, exp: now + TOKEN_SECONDS, jti: crypto.randomUUID() }, key);
  } catch (err) {
    throw new ChannelSendError('permanent', `The Vonage private key cannot sign: ${(err as Error).message}`);
  }
}

/**
 * RFC 7807 problem: `{"type":"https://developer.vonage.com/api-errors/messages#1150","title":"Invalid params",
 * "detail":"…","instance":"…","invalid_parameters":[{"name":"to","reason":"…"}]}`; the code is the type's fragment.
 */
function describeProblem(p: Json | null, httpStatus: number): { code: string; text: string } {
  const fragment = typeof p?.type === 'string' ? p.type.split('#')[1] : undefined;
  const invalid = Array.isArray(p?.invalid_parameters) ? p.invalid_parameters.map((i: Json) => `${i.name}: ${i.reason}`).join('; ') : '';
  const text = [p?.title, p?.detail, invalid].filter((s) => typeof s === 'string' && s).join(': ') || `Vonage answered HTTP ${httpStatus}`;
  return { code: fragment || String(httpStatus), text };
}

function statusEvents(b: Json): InboundEvent[] {
  const update = STATUS[b.status];
  if (!update) return []; // an unknown status says nothing we can record
  const at = b.timestamp ? new Date(b.timestamp) : undefined;
  const base = { kind: 'status' as const, externalId: b.message_uuid as string, ...(at && !Number.isNaN(at.getTime()) ? { at } : {}) };
  if (update !== 'failed') return [{ ...base, status: update }];
  const error = (b.error ?? {}) as Json;
  const code = error.title != null ? String(error.title) : typeof error.type === 'string' ? error.type.split('#')[1] : undefined;
  const text = typeof error.detail === 'string' && error.detail ? error.detail : `Vonage reported ${b.status}`;
  return [{ ...base, status: 'failed', reason: code ? `${code}: ${text}` : text, ...(code ? { providerCode: code } : {}) }];
}
