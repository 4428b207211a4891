import { ChannelSendError, type ChannelRecord, type SendOptions } from '../channel.js';
import { basicAuth, callProvider, sendError } from '../sms/provider-http.js';

type Json = Record<string, any>;

/** The REST API (Messages, Accounts, media). */
export const twilioBase = (opts: SendOptions) => opts.config.TWILIO_API_URL.replace(/\/$/, '');

const DEFAULT_API = 'https://api.twilio.com';
/**
 * The Content API lives on its own host (content.twilio.com). Unless TWILIO_CONTENT_URL names it, it follows
 * TWILIO_API_URL when that points somewhere else than Twilio (a local fake or a proxy serves both).
 */
export function twilioContentBase(opts: SendOptions): string {
  const { TWILIO_CONTENT_URL: content, TWILIO_API_URL: api } = opts.config;
  if (content) return content.replace(/\/$/, '');
  return api.replace(/\/$/, '') === DEFAULT_API ? 'https://content.twilio.com' : api.replace(/\/$/, '');
}

/** HTTP Basic with the account SID and auth token, as every Twilio API takes. */
export function twilioAuth(channel: ChannelRecord): string {
  const token = channel.secrets?.authToken;
  if (!token) throw new ChannelSendError('permanent', 'The channel has no Twilio auth token configured');
  return basicAuth(String(channel.config.accountSid), token);
}

/**
 * One call to a Twilio API; a failure is classified from Twilio's error JSON
 * (`{"code":21211,"message":"The 'To' number … is not a valid phone number.","more_info":"…","status":400}`):
 * rate-limited on HTTP 429 or code 20429, retryable on 5xx, permanent otherwise, with Twilio's code and text.
 */
export async function twilioCall(channel: ChannelRecord, opts: SendOptions, url: string, init: { method?: string; form?: URLSearchParams } = {}): Promise<Json> {
  const { res, body } = await callProvider('Twilio', url, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    headers: { authorization: twilioAuth(channel), accept: 'application/json', ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(init.form ? { body: init.form.toString() } : {}),
  }, opts);
  if (res.ok && body) return body;
  const code = body?.code != null ? String(body.code) : String(res.status);
  throw sendError(res, String(body?.message ?? `Twilio answered HTTP ${res.status}`), code, res.status === 429 || code === '20429');
}

/** `POST /2010-04-01/Accounts/{AC}/Messages.json`: the new message's sid (SM… or MM…). */
export async function createTwilioMessage(channel: ChannelRecord, opts: SendOptions, params: URLSearchParams): Promise<string> {
  const body = await twilioCall(channel, opts, `${twilioBase(opts)}/2010-04-01/Accounts/${encodeURIComponent(String(channel.config.accountSid))}/Messages.json`, { form: params });
  // Not retried: the message may exist, and a second try would send it twice.
  if (typeof body.sid !== 'string' || !body.sid) throw new ChannelSendError('permanent', 'Twilio answered without a message sid');
  return body.sid;
}

/**
 * "Test connection": `GET /2010-04-01/Accounts/{AC}.json` with the channel's credentials. Twilio answers 401
 * (20003) to a wrong SID or token; a suspended or closed account cannot send either.
 */
export async function checkTwilioAccount(channel: ChannelRecord, opts: SendOptions): Promise<void> {
  const sid = String(channel.config.accountSid);
  let account: Json;
  try {
    account = await twilioCall(channel, opts, `${twilioBase(opts)}/2010-04-01/Accounts/${encodeURIComponent(sid)}.json`);
  } catch (err) {
    const e = err as ChannelSendError;
    if (e.providerCode === '20003' || e.providerCode === '401') throw new Error(`Twilio refused the Account SID ${sid} with this auth token (${e.providerCode}: ${e.message})`);
    throw new Error(`Twilio did not answer for the account ${sid}: ${e.providerCode ? `${e.providerCode}: ` : ''}${e.message}`);
  }
  if (account.status && account.status !== 'active') throw new Error(`The Twilio account ${sid} is ${account.status}: it cannot send messages`);
}
