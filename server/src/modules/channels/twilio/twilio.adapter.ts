import { Readable } from 'node:stream';
import {
  type ChannelAdapter, type ChannelRecord, ChannelSendError, type DeliveryStatusUpdate, type InboundAttachment, type InboundEvent, InvalidPayloadError,
  type OutboundMessage, type SendOptions, type SendResult, sendInParts } from '../channel.js';
import { smsMessage } from '../sms/sms-inbound.js';
import { buttonsAsText } from '../sms/sms-outbound.js';
import { normalisePhone } from '../sms/phone.js';
import { twilioSignatureMatches } from './twilio-signature.js';
import { checkTwilioAccount, createTwilioMessage, twilioAuth, twilioBase } from './twilio-api.js';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
/** TwiML that sends nothing back: agents answer later, from the inbox. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
/** Twilio accepts up to 10 media URLs per message. */
const MAX_MEDIA = 10;

interface TwilioConfig {
  accountSid: string;
  from?: string;
  messagingServiceSid?: string;
}

/** Callback statuses as delivery updates; queued, accepted, scheduled and sending say nothing new (null). */
const STATUS: Record<string, DeliveryStatusUpdate | null> = {
  queued: null, accepted: null, scheduled: null, sending: null,
  sent: 'sent', delivered: 'delivered', read: 'read', undelivered: 'failed', failed: 'failed', canceled: 'failed',
};

/** What the common asynchronous error codes mean, so the failed message says it (Twilio's error dictionary). */
const ASYNC_ERRORS: Record<string, string> = {
  '21610': 'The recipient replied STOP and opted out',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier',
  '30008': 'Unknown error',
  // Twilio's own text: a free-form WhatsApp message after the customer-service window closed.
  '63016': 'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg', 'audio/amr': 'amr', 'application/pdf': 'pdf', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf',
};

type Params = Record<string, string | undefined>;
/** The form parameters of one Messages.json request, less To, From and StatusCallback. */
export type MessageParams = Array<[string, string]>;

/** What sets the SMS and the WhatsApp channels apart when sending: how an address is written, what one reply becomes. */
export interface TwilioVariant {
  address(e164: string): string;
  requests(message: OutboundMessage): MessageParams[];
}

/**
 * Twilio Programmable Messaging (SMS and MMS). Twilio POSTs form-encoded webhooks to /hooks/twilio/{channelId}
 * (set as the number's or Messaging Service's "A message comes in" URL) signed in X-Twilio-Signature over our
 * public URL, and wants TwiML back. Each send names the same URL as its StatusCallback, so delivery receipts
 * arrive there too. MMS media sits behind HTTP Basic auth (account SID and auth token): fetched by reference.
 * WhatsApp through Twilio (twilio-whatsapp.adapter.ts) is this adapter with WhatsApp's addresses, window and templates.
 */
export const twilioAdapter: ChannelAdapter = {
  type: 'twilio',
  capabilities: {
    // MMS (US and Canada; elsewhere Twilio sends a link or refuses). 5 MB per message; JPEG, PNG and GIF are resized for phones.
    media: { types: ['image/*', 'video/*', 'audio/*', 'application/pdf', 'text/vcard', 'text/x-vcard'], maxBytes: 5 * 1_048_576 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: false,
  },

  verify(channel, req) {
    const token = channel.secrets?.authToken;
    const given = req.headers[TWILIO_SIGNATURE_HEADER];
    if (!token || typeof given !== 'string' || !req.url) return false;
    return twilioSignatureMatches(token, req.url, req.rawBody, given);
  },

  parse(_channel, req) {
    const p = (req.body && typeof req.body === 'object' ? req.body : {}) as Params;
    const sid = p.MessageSid ?? p.SmsMessageSid ?? p.SmsSid;
    if (!sid || !/^[A-Z]{2}[0-9a-fA-F]{32}$/.test(sid)) throw new InvalidPayloadError('Invalid MessageSid: expected the SM… or MM… id Twilio sends', 'MessageSid');
    const status = p.MessageStatus;
    if (status && status !== 'received' && status !== 'receiving') return statusEvents(sid, status, p.ErrorCode, p.ErrorMessage);
    if (!p.From) throw new InvalidPayloadError('Invalid From: expected the sender\'s number', 'From');
    return [inboundEvent(sid, p)];
  },

  send: (channel, message, opts) => sendThroughTwilio(channel, message, opts, SMS),

  /** "Test connection": the Account SID and auth token open the account (and it is active). */
  connect: (channel, _webhook, opts) => checkTwilioAccount(channel, opts),

  async fetchMedia(channel, ref, opts) {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      throw new Error('HTTP 400: not a media URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('HTTP 400: not a media URL');
    // Credentials go to Twilio's API host only (media may redirect to a CDN, which gets none).
    const headers: Record<string, string> = url.origin === new URL(twilioBase(opts)).origin ? { authorization: twilioAuth(channel) } : {};
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(opts.timeoutMs) });
    if (!res.ok || !res.body) {
      await res.body?.cancel(); // frees the connection
      throw new Error(`HTTP ${res.status}`);
    }
    const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
    return { stream: Readable.fromWeb(res.body as never), contentType, filename: mediaFilename(ref, contentType) };
  },

  webhookResponse: () => ({ contentType: 'text/xml', body: EMPTY_TWIML }),
};

/**
 * Sends one reply as one or more Messages.json requests (WhatsApp takes one file per message); the first
 * message's sid identifies the reply. Each names our hook as its StatusCallback, so receipts come back.
 */
export async function sendThroughTwilio(channel: ChannelRecord, message: OutboundMessage, opts: SendOptions, variant: TwilioVariant): Promise<SendResult> {
  const cfg = channel.config as unknown as TwilioConfig;
  const sender: [string, string] = cfg.messagingServiceSid ? ['MessagingServiceSid', cfg.messagingServiceSid] : cfg.from ? ['From', variant.address(cfg.from)] : ['', ''];
  if (!sender[0]) throw new ChannelSendError('permanent', 'The channel has neither a From number nor a Messaging Service');
  const to = variant.address(normalisePhone(message.contactExternalId.replace(/^whatsapp:/, '')));
  return sendInParts(variant.requests(message).map((content) => () => {
    const params = new URLSearchParams([['To', to], sender, ...content]);
    if (opts.config.publicUrl) params.set('StatusCallback', `${opts.config.publicUrl}/hooks/${channel.type}/${channel.id}`);
    return createTwilioMessage(channel, opts, params);
  }), opts.parts);
}

/**
 * A customer's message: text and files; on WhatsApp also a tapped quick-reply button (ButtonPayload), a shared
 * location (Latitude, Longitude) and the message it quotes (OriginalRepliedMessageSid).
 */
function inboundEvent(sid: string, p: Params): InboundEvent {
  const message = smsMessage({ externalId: sid, from: p.From!.replace(/^whatsapp:/, ''), text: p.Body ?? '', attachments: mediaOf(p), name: p.ProfileName });
  if (message.kind !== 'message') return message;
  const replyTo = p.OriginalRepliedMessageSid || undefined;
  if (p.ButtonPayload) {
    return { kind: 'interactive_reply', externalId: sid, contact: message.contact, payload: p.ButtonPayload, title: p.ButtonText || p.Body || p.ButtonPayload, ...(replyTo ? { replyTo } : {}) };
  }
  const location = locationOf(p);
  return {
    ...message,
    ...(location ? { text: location.text, meta: { ...message.meta, location: location.meta } } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

function locationOf(p: Params): { text: string; meta: Record<string, unknown> } | null {
  const latitude = Number(p.Latitude);
  const longitude = Number(p.Longitude);
  if (!p.Latitude || !p.Longitude || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  const label = [p.Label, p.Address].filter(Boolean).join(', ');
  return {
    text: `📍 ${label ? `${label} ` : ''}(${latitude}, ${longitude})`,
    meta: { latitude, longitude, ...(p.Label ? { name: p.Label } : {}), ...(p.Address ? { address: p.Address } : {}) },
  };
}

function statusEvents(sid: string, status: string, errorCode?: string, errorMessage?: string): InboundEvent[] {
  const update = STATUS[status];
  if (!update) return []; // an intermediate or unknown status: nothing to record
  if (update !== 'failed') return [{ kind: 'status', externalId: sid, status: update }];
  const code = errorCode || undefined;
  const text = errorMessage || (code && ASYNC_ERRORS[code]) || (status === 'canceled' ? 'Canceled before sending' : `Twilio reported ${status}`);
  return [{ kind: 'status', externalId: sid, status: 'failed', reason: code ? `${code}: ${text}` : text, ...(code ? { providerCode: code } : {}) }];
}

function mediaOf(p: Params): InboundAttachment[] {
  const count = Math.min(Number(p.NumMedia ?? 0) || 0, MAX_MEDIA);
  const files: InboundAttachment[] = [];
  for (let i = 0; i < count; i++) {
    const url = p[`MediaUrl${i}`];
    const contentType = p[`MediaContentType${i}`];
    if (url) files.push({ ref: url, ...(contentType ? { contentType, filename: mediaFilename(url, contentType) } : {}) });
  }
  return files;
}

/** Twilio's media URLs end in the media's sid (ME…) without an extension: name the file after both. */
function mediaFilename(url: string, contentType: string) {
  const sid = url.split('?')[0].split('/').filter(Boolean).pop() || 'media';
  const ext = EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()];
  return ext ? `${sid}.${ext}` : sid;
}

/** SMS and MMS: one message; buttons become numbered text; files go together (MMS), up to ten. */
const SMS: TwilioVariant = {
  address: (e164) => e164,
  requests(message) {
    const { content } = message;
    switch (content.type) {
      case 'text':
        return [[['Body', content.text]]];
      case 'interactive':
        return [[['Body', buttonsAsText(content.text, content.buttons)]]];
      case 'media':
        if (content.attachments.length > MAX_MEDIA) throw new ChannelSendError('permanent', `Twilio sends at most ${MAX_MEDIA} files per message`);
        return [[...(content.text ? [['Body', content.text] as [string, string]] : []), ...content.attachments.map((a): [string, string] => ['MediaUrl', a.url])]];
      case 'template':
        throw new ChannelSendError('permanent', 'SMS has no message templates');
    }
  },
};
