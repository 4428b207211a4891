/**
 * The channel adapter contract (v2). Every channel (API, Telegram, WhatsApp, Messenger, …) implements it; the
 * shared conformance suite in __contract__/ runs against each adapter and its local provider fake.
 */
import type { Readable } from 'node:stream';
import type { Config } from '../../platform/config/config.js';

export interface ChannelRecord {
  id: number;
  workspaceId: number;
  type: string;
  config: Record<string, unknown>;
  secrets: Record<string, string> | null;
}

/** The raw request exactly as it arrived: signatures are checked on these bytes. */
export interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  body: unknown;
  query: Record<string, unknown>;
}

export interface InboundContact {
  /** The provider's id of this person on this channel account (phone, PSID, chat id, email). */
  externalId: string;
  name?: string;
  phone?: string;
  email?: string;
}

/**
 * A file an inbound message carries: either a URL we can download as is, or a provider reference (Telegram
 * file_id, WhatsApp media id) that the adapter's fetchMedia turns into bytes.
 */
export interface InboundAttachment {
  url?: string;
  ref?: string;
  filename?: string;
  contentType?: string;
  size?: number;
}

export type DeliveryStatusUpdate = 'sent' | 'delivered' | 'read' | 'failed';

export type InboundEvent =
  /** A customer's message (text and/or files), possibly quoting one of ours or theirs. */
  | { kind: 'message'; externalId: string; contact: InboundContact; text: string; sentAt?: Date; attachments?: InboundAttachment[]; replyTo?: string; meta?: Record<string, unknown> }
  /** A tap on a button, list row, quick reply or inline keyboard: `payload` is the machine value, `title` what the customer saw. */
  | { kind: 'interactive_reply'; externalId: string; contact: InboundContact; payload: string; title: string; replyTo?: string; sentAt?: Date }
  /** An emoji put on (or, with emoji null, taken off) a message. */
  | { kind: 'reaction'; externalId: string; contact: InboundContact; targetExternalId: string; emoji: string | null; at?: Date }
  /** The provider's receipt for one of our messages. */
  | { kind: 'status'; externalId: string; status: DeliveryStatusUpdate; reason?: string; providerCode?: string; at?: Date }
  /** A read watermark: everything we sent the contact up to a time (or a message id) has been read. */
  | { kind: 'read'; contact: InboundContact; upTo: { at?: Date; externalId?: string } }
  /** A message the business sent from another client (the provider's own app): ours, but not sent by us. */
  | { kind: 'echo'; externalId: string; contact: InboundContact; text: string; attachments?: InboundAttachment[]; sentAt?: Date }
  /** New text for a message already received. */
  | { kind: 'edit'; externalId: string; contact: InboundContact; text: string; editedAt?: Date };

export type InboundKind = InboundEvent['kind'];

/** What identifies a delivery of an event, so a re-delivery is recognised: the provider's id; statuses by id and status. */
export function defaultDedupeKey(event: InboundEvent): string {
  switch (event.kind) {
    case 'status':
      return `status:${event.externalId}:${event.status}`;
    case 'read':
      return `read:${event.contact.externalId}:${event.upTo.externalId ?? event.upTo.at?.toISOString() ?? ''}`;
    case 'reaction':
      return `reaction:${event.externalId}`;
    case 'edit':
      return `edit:${event.externalId}:${event.editedAt?.toISOString() ?? event.text}`;
    default:
      return `${event.kind}:${event.externalId}`;
  }
}

export interface OutboundAttachment {
  /** A signed, time-limited URL of the file in our storage. */
  url: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface TemplateComponent {
  type: 'header' | 'body' | 'button';
  parameters: Array<{ type: 'text'; text: string }>;
  subType?: string;
  index?: number;
}

/** What a reply is: free text, files (with an optional caption), an approved template, or buttons to tap. */
export type OutboundContent =
  | { type: 'text'; text: string }
  | { type: 'media'; text: string; attachments: OutboundAttachment[] }
  | { type: 'template'; name: string; language: string; components: TemplateComponent[] }
  | { type: 'interactive'; text: string; buttons: Array<{ id: string; title: string }> };

export interface OutboundMessage {
  messageId: number;
  conversationId: number;
  contactExternalId: string;
  /** The provider's id of the message this one answers, when the agent quoted one. */
  replyToExternalId?: string;
  content: OutboundContent;
}

export interface SendOptions {
  timeoutMs: number;
  /** Provider base URLs (TELEGRAM_API_URL, …) come from here, so local fakes can stand in. */
  config: Pick<Config, 'TELEGRAM_API_URL'>;
}

export interface SendResult {
  externalId: string;
}

/** How a failed send should be treated: retried with backoff, retried after the provider's delay, or given up. */
export class ChannelSendError extends Error {
  constructor(
    readonly kind: 'retryable' | 'rate_limited' | 'permanent',
    message: string,
    readonly providerCode?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface ChannelCapabilities {
  /** The MIME types (`image/*` style wildcards allowed) and the largest file the provider accepts. */
  media: { types: string[]; maxBytes: number };
  /**
   * Milliseconds after the customer's last message during which free-form replies are allowed (null = no window);
   * `tag` names the provider's way past it for human agents (Messenger's HUMAN_AGENT), if any.
   */
  replyWindow: { durationMs: number | null; tag?: string };
  templates: boolean;
  interactive: boolean;
}

export interface FetchedMedia {
  stream?: Readable;
  buffer?: Buffer;
  contentType: string;
  filename: string;
}

export interface ChannelAdapter {
  type: string;
  capabilities: ChannelCapabilities;
  /** True when the raw request is authentic for this channel. Must not throw on garbage. */
  verify(channel: ChannelRecord, req: RawRequest): boolean;
  /**
   * Answers the provider's GET verification of the webhook (Meta's hub.challenge). null: the request is not a
   * valid verification (wrong token, wrong mode), answered 403. Adapters without a handshake leave it out (404).
   */
  handshake?(channel: ChannelRecord, req: RawRequest): { status: number; body: string } | null;
  /** Normalises a verified request into inbound events (possibly none, possibly many); throws InvalidPayloadError on malformed input. */
  parse(channel: ChannelRecord, req: RawRequest): InboundEvent[];
  /** Overrides defaultDedupeKey when the provider identifies deliveries differently. */
  dedupeKey?(event: InboundEvent): string;
  /** Sends one outbound message; classifies failures by throwing ChannelSendError. */
  send(channel: ChannelRecord, message: OutboundMessage, opts: SendOptions): Promise<SendResult>;
  /** Registers our webhook URL (and its secret) with the provider, where the provider wants that (Telegram setWebhook). */
  connect?(channel: ChannelRecord, webhook: { url: string }, opts: SendOptions): Promise<void>;
  /**
   * Called after a webhook's events are stored, for providers that wait for a receipt (Telegram's
   * answerCallbackQuery stops the button's spinner). Its failure is logged and never fails the webhook.
   */
  acknowledge?(channel: ChannelRecord, events: InboundEvent[], opts: SendOptions): Promise<void>;
  /** Downloads an inbound attachment given by reference (InboundAttachment.ref), for providers whose media needs an API call. */
  fetchMedia?(channel: ChannelRecord, ref: string, opts: SendOptions): Promise<FetchedMedia>;
}

export const dedupeKeyOf = (adapter: Pick<ChannelAdapter, 'dedupeKey'>, event: InboundEvent) => (adapter.dedupeKey ?? defaultDedupeKey)(event);

/** True when the MIME type is one of the capability's types (which may end in `/*`). */
export function acceptsMediaType(capabilities: ChannelCapabilities, contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return capabilities.media.types.some((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))) || t === '*/*');
}

export class InvalidPayloadError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}
