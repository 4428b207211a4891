import { z } from 'zod';
import { type ChannelAdapter, ChannelSendError, InvalidPayloadError } from '../channel.js';
import { hmacHex, verifyHexSignature } from '../signature.js';

export const API_SIGNATURE_HEADER = 'x-atiende-signature';

const contactSchema = z.object({
  externalId: z.string().min(1).max(255),
  name: z.string().max(255).optional(),
  phone: z.string().max(64).optional(),
  email: z.string().max(255).optional(),
});

const attachmentSchema = z.object({ url: z.url(), filename: z.string().max(255).optional(), contentType: z.string().max(255).optional() });

const messageSchema = z.object({
  type: z.literal('message'),
  externalId: z.string().min(1).max(255),
  contact: contactSchema,
  text: z.string().max(65_536).default(''),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  attachments: z.array(attachmentSchema).max(10).optional(),
});

const statusSchema = z.object({
  type: z.literal('status'),
  externalId: z.string().min(1).max(255),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  reason: z.string().max(1000).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
});

/** A tap on a button of one of our replies: `payload` is the button's id, `title` what the customer saw. */
const interactiveReplySchema = z.object({
  type: z.literal('interactive_reply'),
  externalId: z.string().min(1).max(255),
  contact: contactSchema,
  payload: z.string().min(1).max(1000),
  title: z.string().max(1000).default(''),
  timestamp: z.iso.datetime({ offset: true }).optional(),
});

export const apiInboundSchema = z.discriminatedUnion('type', [messageSchema, statusSchema, interactiveReplySchema]);
const apiInboundBatch = z.object({ events: z.array(apiInboundSchema).min(1).max(100) });

/**
 * The API channel: a customer message is POSTed to /hooks/api/{channelId}, signed with the channel's
 * secret; replies are POSTed, signed the same way, to the channel's configured URL.
 */
export const apiChannelAdapter: ChannelAdapter = {
  type: 'api',
  capabilities: {
    media: { types: ['*/*'], maxBytes: 25 * 1_048_576 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: true,
  },

  verify(channel, req) {
    const secret = channel.secrets?.hmacSecret;
    if (!secret) return false;
    return verifyHexSignature(req.headers[API_SIGNATURE_HEADER], 'sha256=', hmacHex('sha256', secret, req.rawBody));
  },

  parse(_channel, req) {
    const batched = typeof req.body === 'object' && req.body !== null && 'events' in req.body;
    const parsed = (batched ? apiInboundBatch : apiInboundSchema).safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      throw new InvalidPayloadError(`Invalid ${field}: ${issue.message}`, field);
    }
    const items = 'events' in parsed.data ? parsed.data.events : [parsed.data];
    return items.map((e) => {
      const at = e.timestamp ? new Date(e.timestamp) : undefined;
      switch (e.type) {
        case 'message':
          return { kind: 'message' as const, externalId: e.externalId, contact: e.contact, text: e.text, sentAt: at, attachments: e.attachments };
        case 'interactive_reply':
          return { kind: 'interactive_reply' as const, externalId: e.externalId, contact: e.contact, payload: e.payload, title: e.title || e.payload, sentAt: at };
        case 'status':
          return { kind: 'status' as const, externalId: e.externalId, status: e.status, reason: e.reason, at };
      }
    });
  },

  async send(channel, message, { timeoutMs }) {
    const url = String(channel.config.outboundUrl ?? '');
    const secret = channel.secrets?.hmacSecret;
    if (!url || !secret) throw new ChannelSendError('permanent', 'The channel has no outbound URL or secret configured');
    const { content } = message;
    if (content.type === 'template') throw new ChannelSendError('permanent', 'The API channel has no templates');
    const body = JSON.stringify({
      type: 'message',
      id: message.messageId,
      conversationId: message.conversationId,
      contact: { externalId: message.contactExternalId },
      text: content.text,
      attachments: content.type === 'media' ? content.attachments : [],
      ...(content.type === 'interactive' ? { buttons: content.buttons } : {}),
      ...(message.replyToExternalId ? { replyTo: message.replyToExternalId } : {}),
    });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [API_SIGNATURE_HEADER]: `sha256=${hmacHex('sha256', secret, body)}` },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ChannelSendError('retryable', `Could not reach ${new URL(url).host}: ${(err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (res.status === 429) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new ChannelSendError('rate_limited', 'Rate limited by the receiver', '429', Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
    }
    if (res.status >= 500) throw new ChannelSendError('retryable', `Receiver answered ${res.status}`, String(res.status));
    if (!res.ok) throw new ChannelSendError('permanent', `Receiver refused the message (${res.status}): ${text.slice(0, 300)}`, String(res.status));
    let externalId = `atiende-${message.messageId}`;
    try {
      const json = JSON.parse(text) as { externalId?: unknown };
      if (typeof json.externalId === 'string' && json.externalId) externalId = json.externalId;
    } catch {
      /* a 2xx without JSON is still a success */
    }
    return { externalId };
  },
};
