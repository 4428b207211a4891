import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import {
  type ChannelAdapter, type ChannelRecord, ChannelSendError, type InboundAttachment, type InboundContact, type InboundEvent, InvalidPayloadError, type SendOptions, sendInParts } from '../channel.js';

export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** The update kinds we ask Telegram for in setWebhook. */
const CALLBACK_PREFIX = 'callback:';

export const TELEGRAM_ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'message_reaction'];
const CAPTION_LIMIT = 1024;
const CALLBACK_DATA_BYTES = 64;

type Json = Record<string, any>;

/**
 * Telegram Bot API. Telegram POSTs each Update to /hooks/telegram/{channelId} (registered with setWebhook) with
 * our secret_token in X-Telegram-Bot-Api-Secret-Token; there is no body signature and no delivery receipt.
 * A message's id is `<chat id>:<message_id>` (message ids are per chat); the contact is the chat.
 */
export const telegramAdapter: ChannelAdapter = {
  type: 'telegram',
  capabilities: {
    // Photos and any document; files sent by URL may be up to 20 MB (photos 5 MB).
    media: { types: ['*/*'], maxBytes: 20 * 1_048_576 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: true,
  },

  verify(channel, req) {
    const expected = channel.secrets?.secretToken;
    const given = req.headers[TELEGRAM_SECRET_HEADER];
    if (!expected || typeof given !== 'string') return false;
    const a = Buffer.from(given, 'utf8');
    const b = Buffer.from(expected, 'utf8');
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  },

  parse(_channel, req) {
    const update = req.body as Json | null;
    if (!update || typeof update !== 'object' || Array.isArray(update) || !Number.isSafeInteger(update.update_id)) {
      throw new InvalidPayloadError('Invalid update_id: expected a Telegram Update object', 'update_id');
    }
    if (update.message) return [messageEvent(update.message)];
    if (update.edited_message) {
      const m = update.edited_message;
      requireChat(m, 'edited_message');
      return [{ kind: 'edit', externalId: messageKey(m.chat.id, m.message_id), contact: contactOf(m.chat, m.from), text: String(m.text ?? m.caption ?? ''), editedAt: unix(m.edit_date) }];
    }
    if (update.callback_query) return [callbackEvent(update.callback_query)];
    if (update.message_reaction) {
      const r = update.message_reaction;
      requireChat(r, 'message_reaction');
      const emoji = (r.new_reaction as Json[] | undefined)?.find((x) => x.type === 'emoji')?.emoji ?? null;
      return [{ kind: 'reaction', externalId: `reaction:${update.update_id}`, contact: contactOf(r.chat, r.user), targetExternalId: messageKey(r.chat.id, r.message_id), emoji, at: unix(r.date) }];
    }
    return []; // channel posts, chat member changes…: not for the inbox
  },

  async send(channel, message, opts) {
    const chatId = message.contactExternalId;
    const reply = message.replyToExternalId ? { reply_parameters: { message_id: Number(message.replyToExternalId.split(':').pop()), allow_sending_without_reply: true } } : {};
    const { content } = message;
    switch (content.type) {
      case 'text':
        return { externalId: messageKey(chatId, (await call(channel, 'sendMessage', { chat_id: chatId, text: content.text, ...reply }, opts)).message_id) };
      case 'interactive': {
        for (const b of content.buttons) {
          if (Buffer.byteLength(b.id) > CALLBACK_DATA_BYTES) throw new ChannelSendError('permanent', `Button id "${b.id.slice(0, 20)}…" is longer than Telegram's 64 bytes`);
        }
        const keyboard = { inline_keyboard: content.buttons.map((b) => [{ text: b.title, callback_data: b.id }]) };
        return { externalId: messageKey(chatId, (await call(channel, 'sendMessage', { chat_id: chatId, text: content.text, reply_markup: keyboard, ...reply }, opts)).message_id) };
      }
      case 'media': {
        // A caption that fits goes with the first file; a longer text is sent first, on its own. The first part quotes.
        const longText = content.text.length > CAPTION_LIMIT ? content.text : undefined;
        const parts: Array<(quote: Json) => Promise<string>> = [
          ...(longText ? [async (quote: Json) => messageKey(chatId, (await call(channel, 'sendMessage', { chat_id: chatId, text: longText, ...quote }, opts)).message_id)] : []),
          ...content.attachments.map((file, i) => async (quote: Json) => {
            const photo = /^image\/(jpeg|png|webp)$/.test(file.contentType) && file.size <= 5 * 1_048_576;
            const caption = i === 0 && !longText && content.text ? { caption: content.text } : {};
            return messageKey(chatId, (await call(channel, photo ? 'sendPhoto' : 'sendDocument', { chat_id: chatId, [photo ? 'photo' : 'document']: file.url, ...caption, ...quote }, opts)).message_id);
          }),
        ];
        return sendInParts(parts.map((part, i) => () => part(i === 0 ? reply : {})), opts.parts);
      }
      case 'template':
        throw new ChannelSendError('permanent', 'Telegram has no message templates');
    }
  },

  async fetchMedia(channel, ref, opts) {
    let file: Json;
    try {
      file = await call(channel, 'getFile', { file_id: ref }, opts);
    } catch (err) {
      const e = err as ChannelSendError;
      // The media job treats "HTTP 4xx" as final (bad or expired file_id, file over 20 MB) and retries the rest.
      throw new Error(e.kind === 'permanent' ? `HTTP ${e.providerCode ?? 400}: ${e.message}` : e.message);
    }
    const path = String(file.file_path ?? '');
    if (!path) throw new Error('HTTP 404: Telegram gave no file_path');
    const url = `${base(opts)}/file/bot${token(channel)}/${path.split('/').map(encodeURIComponent).join('/')}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs) });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    return {
      stream: Readable.fromWeb(res.body as never),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      filename: path.split('/').pop() || 'file',
    };
  },

  /** A button tap shows a spinner in the customer's Telegram until the bot answers the callback query. */
  async acknowledge(channel, events, opts) {
    for (const e of events) {
      if (e.kind === 'interactive_reply' && e.externalId.startsWith(CALLBACK_PREFIX)) {
        await call(channel, 'answerCallbackQuery', { callback_query_id: e.externalId.slice(CALLBACK_PREFIX.length) }, opts);
      }
    }
  },

  async connect(channel, webhook, opts) {
    await call(channel, 'setWebhook', { url: webhook.url, secret_token: channel.secrets?.secretToken, allowed_updates: TELEGRAM_ALLOWED_UPDATES }, opts);
  },
};

function base(opts: SendOptions) {
  return opts.config.TELEGRAM_API_URL.replace(/\/$/, '');
}

function token(channel: ChannelRecord) {
  const t = channel.secrets?.botToken;
  if (!t) throw new ChannelSendError('permanent', 'The channel has no bot token configured');
  return t;
}

/** One Bot API call; failures classified from Telegram's envelope (429 + retry_after, 5xx, the rest permanent). */
async function call(channel: ChannelRecord, method: string, params: Json, opts: SendOptions): Promise<Json> {
  const url = `${base(opts)}/bot${token(channel)}/${method}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params), signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (err) {
    throw new ChannelSendError('retryable', `Could not reach Telegram: ${(err as Error).message}`);
  }
  let body: Json | null = null;
  try {
    body = (await res.json()) as Json;
  } catch {
    /* not JSON: classified by the HTTP status below */
  }
  if (body?.ok === true) return body.result as Json;
  const code = Number(body?.error_code ?? res.status);
  const description = String(body?.description ?? `Telegram answered HTTP ${res.status}`);
  if (code === 429) {
    const retryAfter = Number(body?.parameters?.retry_after ?? res.headers.get('retry-after'));
    throw new ChannelSendError('rate_limited', description, '429', Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
  }
  if (code >= 500 || !body) throw new ChannelSendError('retryable', description, String(code));
  throw new ChannelSendError('permanent', description, String(code));
}

const messageKey = (chatId: number | string, messageId: number | string) => `${chatId}:${messageId}`;
const unix = (s: unknown) => (typeof s === 'number' ? new Date(s * 1000) : undefined);

function requireChat(m: Json, field: string) {
  if (!m || typeof m !== 'object' || !m.chat || (typeof m.chat.id !== 'number' && typeof m.chat.id !== 'string')) throw new InvalidPayloadError(`Invalid ${field}.chat: expected a chat with an id`, `${field}.chat`);
}

/** The contact is the chat we answer to: the person in a private chat, the group otherwise (named after it). */
function contactOf(chat: Json, from?: Json): InboundContact {
  const person = chat.type === 'private' || !chat.type ? (from ?? chat) : null;
  const name = person ? [person.first_name, person.last_name].filter(Boolean).join(' ') || person.username : chat.title;
  return { externalId: String(chat.id), ...(name ? { name: String(name) } : {}) };
}

function messageEvent(m: Json): InboundEvent {
  requireChat(m, 'message');
  const attachments: InboundAttachment[] = [];
  if (Array.isArray(m.photo) && m.photo.length) {
    const largest = m.photo.at(-1);
    attachments.push({ ref: largest.file_id, filename: `photo-${largest.file_unique_id}.jpg`, contentType: 'image/jpeg', size: largest.file_size });
  }
  for (const kind of ['document', 'video', 'audio', 'voice', 'video_note', 'animation', 'sticker'] as const) {
    const f = m[kind];
    if (!f?.file_id) continue;
    attachments.push({ ref: f.file_id, filename: f.file_name ?? `${kind}-${f.file_unique_id}`, contentType: f.mime_type ?? (kind === 'sticker' ? 'image/webp' : kind === 'voice' ? 'audio/ogg' : undefined), size: f.file_size });
  }
  let text = String(m.text ?? m.caption ?? '');
  const meta: Json = {};
  if (m.location) {
    meta.location = { latitude: m.location.latitude, longitude: m.location.longitude };
    text ||= `📍 ${m.location.latitude}, ${m.location.longitude}`;
  }
  if (m.contact) {
    meta.sharedContact = { phone: m.contact.phone_number, name: [m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ') };
    text ||= `${meta.sharedContact.name} ${m.contact.phone_number}`.trim();
  }
  const contact = contactOf(m.chat, m.from);
  if (m.contact?.user_id && m.from && m.contact.user_id === m.from.id) contact.phone = String(m.contact.phone_number);
  return {
    kind: 'message',
    externalId: messageKey(m.chat.id, m.message_id),
    contact,
    text,
    sentAt: unix(m.date),
    ...(attachments.length ? { attachments } : {}),
    ...(m.reply_to_message?.message_id ? { replyTo: messageKey(m.chat.id, m.reply_to_message.message_id) } : {}),
    ...(Object.keys(meta).length ? { meta } : {}),
  };
}

function callbackEvent(q: Json): InboundEvent {
  if (!q.id || !q.from) throw new InvalidPayloadError('Invalid callback_query: expected id and from', 'callback_query');
  const chat = q.message?.chat ?? { id: q.from.id, type: 'private' };
  const payload = String(q.data ?? '');
  const buttons = ((q.message?.reply_markup?.inline_keyboard ?? []) as Json[][]).flat();
  const title = String(buttons.find((b) => b.callback_data === payload)?.text ?? payload);
  return {
    kind: 'interactive_reply',
    externalId: `${CALLBACK_PREFIX}${q.id}`,
    contact: contactOf(chat, q.from),
    payload,
    title,
    ...(q.message?.message_id ? { replyTo: messageKey(chat.id, q.message.message_id) } : {}),
  };
}
