/**
 * The Messenger Platform's Send API (Messenger and Instagram): `POST /{ver}/{page-id | ig-id | me}/messages`
 * with a Bearer token, and Graph's error envelope classified into retryable, rate-limited and permanent.
 */
import { ChannelSendError, type OutboundAttachment, type OutboundMessage, type SendResult, sendInParts, type PartsProgress } from '../channel.js';
import { COMMENT_PREFIX, OWN_SEND_METADATA } from './messenger-platform-inbound.js';

type Json = Record<string, any>;

export interface GraphTarget {
  /** `https://graph.facebook.com/v23.0` or `https://graph.instagram.com/v23.0`. */
  base: string;
  /** The node whose `/messages` edge we post to: a Page id, an Instagram account id, or `me`. */
  node: string;
  token: string;
  timeoutMs: number;
}

export interface SendRules {
  textLimit: number;
  /** Messenger echoes `metadata` back, so our own sends are recognised; Instagram documents no such field. */
  metadata: boolean;
  /** The largest image the platform takes (Instagram: 8 MB; other media up to the capability's maximum). */
  maxImageBytes?: number;
}

/** Codes Meta documents as "try again later": temporary failures and throttling. */
const RETRYABLE_CODES = new Set([1200, 2]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const BUTTON_TITLE = 20;
const MAX_TEMPLATE_BUTTONS = 3;
const MAX_QUICK_REPLIES = 13;

/** One reply, as the requests the Send API needs (a caption goes first, as its own text). The first message's id is ours. */
export async function sendMessengerPlatform(target: GraphTarget, message: OutboundMessage, rules: SendRules, progress?: PartsProgress): Promise<SendResult> {
  const comment = message.contactExternalId.startsWith(COMMENT_PREFIX);
  // A private reply answers the comment (Meta allows one); it is not a conversation message, so it takes no messaging type or tag.
  const envelope: Json = comment
    ? { recipient: { comment_id: message.contactExternalId.slice(COMMENT_PREFIX.length) } }
    : { recipient: { id: message.contactExternalId }, ...(message.windowTag ? { messaging_type: 'MESSAGE_TAG', tag: message.windowTag } : { messaging_type: 'RESPONSE' }) };
  const bodies = messagesFor(message, rules);
  if (comment && bodies.length > 1) throw new ChannelSendError('permanent', 'A private reply to a comment is one message: send one text or one file');
  return sendInParts(bodies.map((body, index) => async () => {
    const withMark = rules.metadata ? { ...body, metadata: `${OWN_SEND_METADATA}${message.messageId}:${index}` } : body;
    const sent = await graphPost(target, `${target.node}/messages`, { ...envelope, message: withMark });
    const id = String(sent.message_id ?? '');
    if (!id) throw new ChannelSendError('permanent', 'Meta answered without a message_id');
    return id;
  }), progress);
}

function messagesFor(message: OutboundMessage, rules: SendRules): Json[] {
  const { content } = message;
  switch (content.type) {
    case 'text':
      return chunks(content.text, rules.textLimit).map((text) => ({ text }));
    case 'media':
      return [...chunks(content.text, rules.textLimit).map((text) => ({ text })), ...content.attachments.map((a) => attachmentMessage(a, rules))];
    case 'interactive':
      return [interactiveMessage(content.text, content.buttons, rules)];
    case 'template':
      throw new ChannelSendError('permanent', 'Messenger and Instagram have no approved templates: outside the window only HUMAN_AGENT replies go out');
  }
}

function attachmentMessage(a: OutboundAttachment, rules: SendRules): Json {
  const type = a.contentType.startsWith('image/') ? 'image' : a.contentType.startsWith('video/') ? 'video' : a.contentType.startsWith('audio/') ? 'audio' : 'file';
  if (type === 'image' && rules.maxImageBytes && a.size > rules.maxImageBytes) {
    throw new ChannelSendError('permanent', `${a.filename} is larger than the ${Math.round(rules.maxImageBytes / 1_048_576)} MB this channel accepts for images`);
  }
  return { attachment: { type, payload: { url: a.url, is_reusable: false } } };
}

/** Up to three buttons that stay: a button template (taps come back as postbacks); more: quick replies (up to 13). */
function interactiveMessage(text: string, buttons: Array<{ id: string; title: string }>, rules: SendRules): Json {
  const title = (t: string) => (t.length > BUTTON_TITLE ? `${t.slice(0, BUTTON_TITLE - 1)}…` : t);
  if (buttons.length <= MAX_TEMPLATE_BUTTONS && text.length <= 640) {
    return { attachment: { type: 'template', payload: { template_type: 'button', text, buttons: buttons.map((b) => ({ type: 'postback', title: title(b.title), payload: b.id })) } } };
  }
  if (buttons.length > MAX_QUICK_REPLIES) throw new ChannelSendError('permanent', `At most ${MAX_QUICK_REPLIES} options can be offered on this channel`);
  if (text.length > rules.textLimit) throw new ChannelSendError('permanent', `The question is longer than the ${rules.textLimit} characters a message with options may have`);
  return { text, quick_replies: buttons.map((b) => ({ content_type: 'text', title: title(b.title), payload: b.id })) };
}

/** Splits a long text at line or word breaks, each part within the limit; an empty text gives no parts. */
export function chunks(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1); // a break right after the limit still ends a full part
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** One Graph POST; failures thrown as ChannelSendError with `code` or `code/subcode` as the provider code. */
export async function graphPost(target: GraphTarget, path: string, body: Json): Promise<Json> {
  let res: Response;
  try {
    res = await fetch(`${target.base}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (err) {
    throw new ChannelSendError('retryable', `Could not reach Meta: ${(err as Error).message}`);
  }
  let json: Json | null = null;
  try {
    json = (await res.json()) as Json;
  } catch {
    /* not JSON: classified by the HTTP status */
  }
  if (res.ok && json && !json.error) return json;
  throw classifyGraphError(res.status, json?.error, res.headers);
}

/**
 * Meta's error codes: 10 with 2018278/2534022 (outside the window), 551 (person unavailable), 190 (token), 100,
 * 200, 230 …: permanent; 4, 17, 32, 613 (throttled): rate-limited; 1200 and 2 (temporary) and any 5xx: retryable.
 */
export function classifyGraphError(status: number, error: Json | undefined, headers?: Headers): ChannelSendError {
  const code = Number(error?.code);
  const subcode = error?.error_subcode != null ? Number(error.error_subcode) : undefined;
  const providerCode = Number.isFinite(code) ? (subcode ? `${code}/${subcode}` : String(code)) : String(status);
  const text = String(error?.message ?? `Meta answered HTTP ${status}`);
  if (RATE_LIMIT_CODES.has(code) || status === 429) return new ChannelSendError('rate_limited', text, providerCode, regainAccessMs(headers));
  if (RETRYABLE_CODES.has(code) || error?.is_transient === true || status >= 500 || !error) return new ChannelSendError('retryable', text, providerCode);
  return new ChannelSendError('permanent', text, providerCode);
}

/** Throttled Graph calls say when access returns: `estimated_time_to_regain_access` (minutes) in the usage headers. */
function regainAccessMs(headers?: Headers): number | undefined {
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage']) {
    const raw = headers?.get(name);
    if (!raw) continue;
    try {
      const minutes = JSON.stringify(JSON.parse(raw)).match(/"estimated_time_to_regain_access":(\d+)/);
      if (minutes && Number(minutes[1]) > 0) return Number(minutes[1]) * 60_000;
    } catch {
      /* a malformed header is no reason to fail differently */
    }
  }
  return undefined;
}
