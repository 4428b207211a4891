/**
 * The channel adapter contract. Every channel (API, WhatsApp, Messenger, …) implements it; the shared
 * conformance suite in __contract__/ runs against each adapter and its local provider fake.
 */

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

export type InboundEvent =
  | { kind: 'message'; externalId: string; contact: InboundContact; text: string; sentAt?: Date; attachments?: InboundAttachment[]; meta?: Record<string, unknown> }
  | { kind: 'status'; externalId: string; status: 'sent' | 'delivered' | 'read' | 'failed'; reason?: string; at?: Date };

export interface InboundAttachment {
  url: string;
  filename?: string;
  contentType?: string;
}

export interface OutboundMessage {
  messageId: number;
  conversationId: number;
  contactExternalId: string;
  text: string;
  attachments: Array<{ url: string; filename: string; contentType: string; size: number }>;
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

export interface ReplyWindow {
  /** Milliseconds after the customer's last message during which free-form replies are allowed; null = no window. */
  durationMs: number | null;
}

export interface ChannelAdapter {
  type: string;
  /** True when the raw request is authentic for this channel. Must not throw on garbage. */
  verify(channel: ChannelRecord, req: RawRequest): boolean;
  /** Normalises a verified request into inbound events; throws InvalidPayloadError on malformed input. */
  parse(channel: ChannelRecord, req: RawRequest): InboundEvent[];
  /** Sends one outbound message; throws ChannelSendError classified by retryability. */
  send(channel: ChannelRecord, message: OutboundMessage, opts: { timeoutMs: number }): Promise<SendResult>;
  replyWindow: ReplyWindow;
}

export class InvalidPayloadError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}
