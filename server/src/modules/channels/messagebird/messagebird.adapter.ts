import {
  type ChannelAdapter, ChannelSendError, type DeliveryStatusUpdate, type InboundEvent, InvalidPayloadError, type RawRequest,
} from '../channel.js';
import { callProvider, sendError } from '../sms/provider-http.js';
import { smsMessage } from '../sms/sms-inbound.js';
import { smsText } from '../sms/sms-outbound.js';
import { normalisePhone } from '../sms/phone.js';
import { hexHashMatches, sha256Hex, verifyHmacJwt } from '../sms/jwt.js';

export const MESSAGEBIRD_SIGNATURE_HEADER = 'messagebird-signature-jwt';
/** Seconds of clock difference tolerated on nbf and exp (MessageBird's own SDK allows 5). */
const LEEWAY_S = 5;

type Json = Record<string, any>;

/** Conversations message statuses for our messages; accepted, pending and deleted record nothing. */
const STATUS: Record<string, DeliveryStatusUpdate> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', rejected: 'failed' };

/**
 * MessageBird (Bird) Conversations API, SMS platform. A webhook on the SMS channel for `message.created` and
 * `message.updated` points at /hooks/messagebird/{channelId}; MessageBird signs each request with the account's
 * signing key: `MessageBird-Signature-JWT`, a JWT (HS256) whose claims bind the URL (`url_hash`) and the body
 * (`payload_hash`) and expire within a minute (`nbf`, `exp`). Replies go through `POST /v1/send` with
 * `Authorization: AccessKey …`; errors come as `{"errors":[{"code","description","parameter"}]}`.
 *
 * Unverified against a live account: whether an SMS `message.created` carries `from`/`to` on the message (the
 * documented example shows neither; the contact's `msisdn` is the fallback), and the shape of `message.error`.
 */
export const messagebirdAdapter: ChannelAdapter = {
  type: 'messagebird',
  capabilities: {
    media: { types: [], maxBytes: 0 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: false,
  },

  verify(channel, req) {
    const key = channel.secrets?.signingKey;
    const token = req.headers[MESSAGEBIRD_SIGNATURE_HEADER];
    if (!key || typeof token !== 'string') return false;
    return signatureValid(key, token, req);
  },

  parse(channel, req) {
    const b = req.body as Json | null;
    const m = b?.message as Json | undefined;
    if (!b || typeof b !== 'object' || typeof b.type !== 'string' || !m || typeof m !== 'object' || typeof m.id !== 'string' || !m.id) {
      throw new InvalidPayloadError('Invalid message: expected a MessageBird Conversations webhook (type and message.id)', 'message');
    }
    if (m.platform !== undefined && m.platform !== 'sms') return []; // another platform's channel
    if (m.channelId !== undefined && m.channelId !== channel.config.channelId) return []; // another channel of the account
    if (b.type === 'message.created' && m.direction === 'received') {
      const from = m.from ?? b.contact?.msisdn;
      if (from === undefined || from === null || from === '') throw new InvalidPayloadError('Invalid message.from: expected the sender\'s number', 'message.from');
      return [smsMessage({ externalId: m.id, from: String(from), text: String(m.content?.text ?? ''), sentAt: m.createdDatetime ? new Date(m.createdDatetime) : undefined, name: nameOf(b.contact) })];
    }
    if (b.type === 'message.created' && m.direction === 'sent') {
      const to = m.to ?? b.contact?.msisdn;
      return to ? [{ kind: 'echo', externalId: m.id, contact: { externalId: normalisePhone(String(to)) }, text: String(m.content?.text ?? '') }] : [];
    }
    if (b.type === 'message.updated' && m.direction === 'sent') return statusEvents(m);
    return [];
  },

  async send(channel, message, opts) {
    const key = channel.secrets?.accessKey;
    if (!key) throw new ChannelSendError('permanent', 'The channel has no MessageBird access key configured');
    const body = { to: normalisePhone(message.contactExternalId), from: channel.config.channelId, type: 'text', content: { text: smsText(message, 'MessageBird') } };
    const { res, body: answer } = await callProvider('MessageBird', `${opts.config.MESSAGEBIRD_API_URL.replace(/\/$/, '')}/v1/send`, {
      method: 'POST',
      headers: { authorization: `AccessKey ${key}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }, opts);
    // The documented answer is {"id","status":"accepted"}; one SDK types it {"message":{"id","status"}}: both are read.
    const id = answer?.id ?? answer?.message?.id;
    if (res.ok && typeof id === 'string' && id) return { externalId: id };
    const first = Array.isArray(answer?.errors) ? (answer.errors[0] as Json) : null;
    const text = first?.description ? `${first.description}${first.parameter ? ` (${first.parameter})` : ''}` : `MessageBird answered HTTP ${res.status}`;
    throw sendError(res, text, first?.code != null ? String(first.code) : String(res.status));
  },

  /**
   * "Test connection": an authenticated read with the access key on the API replies go through
   * (`GET /v1/conversations?limit=1`); the account balance lives on another host (rest.messagebird.com).
   */
  async connect(channel, _webhook, opts) {
    const key = channel.secrets?.accessKey;
    if (!key) throw new Error('The channel has no MessageBird access key configured');
    const { res, body } = await callProvider('MessageBird', `${opts.config.MESSAGEBIRD_API_URL.replace(/\/$/, '')}/v1/conversations?limit=1`, {
      headers: { authorization: `AccessKey ${key}`, accept: 'application/json' },
    }, opts);
    if (res.ok) return;
    const first = Array.isArray(body?.errors) ? (body.errors[0] as Json) : null;
    const reason = `${first?.code ?? res.status}: ${first?.description ?? `HTTP ${res.status}`}`;
    if (res.status === 401 || res.status === 403) throw new Error(`MessageBird refused the access key (${reason})`);
    throw new Error(`MessageBird did not answer as expected (${reason})`);
  },
};

function signatureValid(key: string, token: string, req: RawRequest): boolean {
  // The URL and the time are part of what is signed; without them nothing can be checked.
  if (!req.url || !req.receivedAt) return false;
  const claims = verifyHmacJwt(token, key, ['HS256', 'HS384', 'HS512']);
  if (!claims || claims.iss !== 'MessageBird' || typeof claims.jti !== 'string' || !claims.jti) return false;
  const now = req.receivedAt.getTime() / 1000;
  if (typeof claims.exp !== 'number' || claims.exp < now - LEEWAY_S) return false;
  if (typeof claims.nbf === 'number' && claims.nbf > now + LEEWAY_S) return false;
  if (typeof claims.iat === 'number' && claims.iat > now + LEEWAY_S) return false;
  if (!hexHashMatches(claims.url_hash, sha256Hex(req.url))) return false;
  if (claims.payload_hash === undefined) return req.rawBody.length === 0;
  return hexHashMatches(claims.payload_hash, sha256Hex(req.rawBody));
}

function nameOf(contact: Json | undefined): string | undefined {
  if (!contact) return undefined;
  const full = [contact.firstName, contact.lastName].filter((s) => typeof s === 'string' && s.trim()).join(' ');
  if (full) return full;
  // MessageBird fills displayName with the number when it knows no name.
  const display = typeof contact.displayName === 'string' ? contact.displayName.trim() : '';
  return display && !/^\+?\d+$/.test(display) ? display : undefined;
}

function statusEvents(m: Json): InboundEvent[] {
  const update = STATUS[m.status];
  if (!update) return [];
  const at = m.updatedDatetime ? new Date(m.updatedDatetime) : undefined;
  const base = { kind: 'status' as const, externalId: m.id as string, ...(at && !Number.isNaN(at.getTime()) ? { at } : {}) };
  if (update !== 'failed') return [{ ...base, status: update }];
  const error = (m.error ?? {}) as Json;
  const code = error.code != null ? String(error.code) : undefined;
  const text = typeof error.description === 'string' && error.description ? error.description : `MessageBird reported ${m.status}`;
  return [{ ...base, status: 'failed', reason: code ? `${code}: ${text}` : text, ...(code ? { providerCode: code } : {}) }];
}
