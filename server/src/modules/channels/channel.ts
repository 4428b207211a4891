/**
 * The channel adapter contract (v2). Every channel (API, Telegram, WhatsApp, Messenger, …) implements it; the
 * shared conformance suite in __contract__/ runs against each adapter and its local provider fake.
 */
import type { Readable } from 'node:stream';
import type { ProviderUrls } from '../../platform/config/config.js';

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
  /**
   * The public URL the provider requested (PUBLIC_URL + path and query), for signatures computed over it (Twilio's
   * X-Twilio-Signature, MessageBird's url_hash). Behind a TLS-terminating proxy the local URL would not match.
   */
  url?: string;
  /** When the request arrived (the injected clock), for signatures that expire (MessageBird's exp and nbf). */
  receivedAt?: Date;
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
  /**
   * A customer's message (text and/or files), possibly quoting one of ours or theirs. `conversationHint`: the
   * conversation of this channel the message answers, when the adapter knows it (email threads by headers and
   * reply token): it goes there, reopened whatever its age, rather than to the contact's latest conversation.
   */
  | { kind: 'message'; externalId: string; contact: InboundContact; text: string; sentAt?: Date; attachments?: InboundAttachment[]; replyTo?: string; meta?: Record<string, unknown>; conversationHint?: { id: number } }
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
  /** `externalId`: the provider's id of the template, for providers that send it by id (Twilio's Content SID). */
  | { type: 'template'; name: string; language: string; components: TemplateComponent[]; externalId?: string }
  | { type: 'interactive'; text: string; buttons: Array<{ id: string; title: string }> };

export interface OutboundMessage {
  messageId: number;
  conversationId: number;
  contactExternalId: string;
  /** The provider's id of the message this one answers, when the agent quoted one. */
  replyToExternalId?: string;
  /**
   * Set when the reply goes out after the reply window closed but within the provider's tagged extension
   * (Messenger's and Instagram's HUMAN_AGENT, 7 days): the adapter sends it with this tag.
   */
  windowTag?: string;
  /**
   * The customer's latest message in the conversation (its provider id and stored meta), given to adapters whose
   * capabilities say `threadsReplies`: email answers it with In-Reply-To, References and "Re: <its subject>".
   */
  inReplyTo?: { externalId: string; meta: Record<string, unknown> };
  content: OutboundContent;
}

export interface SendOptions {
  timeoutMs: number;
  /**
   * Provider base URLs (TELEGRAM_API_URL, META_GRAPH_URL, …) come from here, so local fakes can stand in; and our
   * public URL, from which an adapter names its webhook in a send (Twilio's StatusCallback).
   */
  config: ProviderUrls & { publicUrl?: string };
  /** Given by the send job, for adapters that deliver through another channel (web forms answer by email or SMS). */
  lookup?: SendLookup;
  /** The parts of this reply already accepted by the provider in an earlier try (see `sendInParts`). */
  parts?: PartsProgress;
}

/** A reply that goes out as several provider messages (a long text, a caption and files): what went out already. */
export interface PartsProgress {
  /** The provider's ids of the parts sent, in order. */
  sent: string[];
  /** Called as soon as one more part is accepted, before the next is tried. */
  record(externalId: string): Promise<void>;
}

/**
 * Sends the parts of one reply in order and answers with the first part's id. A retry after a later part failed
 * resumes after the parts already accepted, so the customer never gets the first ones twice.
 */
export async function sendInParts(parts: Array<() => Promise<string>>, progress?: PartsProgress): Promise<SendResult> {
  const sent = [...(progress?.sent ?? [])];
  for (const part of parts.slice(sent.length)) {
    const id = await part();
    sent.push(id);
    await progress?.record(id);
  }
  if (!sent[0]) throw new ChannelSendError('permanent', 'Nothing to send');
  return { externalId: sent[0] };
}

/** Reads scoped to the message's workspace. */
export interface SendLookup {
  /** Another channel of the workspace, with its secrets (null: none such). */
  channel(channelId: number): Promise<(ChannelRecord & { active: boolean }) | null>;
  /** The conversation's contact as it is now (an agent may have corrected the address). */
  contact(conversationId: number): Promise<{ name: string; email: string | null; phone: string | null } | null>;
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
   * `tag` names the provider's way past it for human agents (Messenger's HUMAN_AGENT), if any, and
   * `tagDurationMs` how long after the customer's last message that tag is accepted.
   */
  replyWindow: { durationMs: number | null; tag?: string; tagDurationMs?: number };
  templates: boolean;
  interactive: boolean;
  /**
   * The most messages the provider accepts per second for one channel account (WhatsApp: 80 per phone
   * number); the outbound job holds every node of a deployment to it (messages/outbound-throttle.ts).
   */
  maxSendsPerSecond?: number;
  /** Replies thread on the customer's latest message (OutboundMessage.inReplyTo), which the send job then looks up. */
  threadsReplies?: boolean;
}

/** A message template as the provider defines it (WhatsApp), kept in channel_templates by the sync. */
export interface ProviderTemplate {
  externalId?: string;
  name: string;
  language: string;
  category?: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED. */
  status: string;
  /** The provider's components (header, body with {{1}} variables, footer, buttons) as it returned them. */
  components: unknown[];
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
  /** Every message template of the channel's account, for providers that have them (WhatsApp's message_templates). */
  listTemplates?(channel: ChannelRecord, opts: SendOptions): Promise<ProviderTemplate[]>;
  /**
   * The body a provider expects in answer to a webhook it delivered (Twilio wants TwiML); without it, or when the
   * caller asks for JSON, the hook answers JSON with the stored ids.
   */
  webhookResponse?(events: InboundEvent[]): { contentType: string; body: string };
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
