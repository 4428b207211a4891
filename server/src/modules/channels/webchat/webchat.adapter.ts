import { z } from 'zod';
import { type ChannelAdapter, InvalidPayloadError } from '../channel.js';
import { claimsAllowed, readVisitorToken, VISITOR_TOKEN_HEADER } from './visitor-token.js';
import { pageAllowed } from './allowed-domains.js';

/**
 * What the widget sends for one visitor message. `id` is the widget's own id for the message (a retry of the
 * same send carries the same id, so it is stored once); `visitorId` must be the token's.
 */
export const webchatInboundSchema = z.object({
  visitorId: z.string().min(1).max(200),
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Expected the widget\'s message id (8–64 characters A-Z a-z 0-9 _ -)'),
  text: z.string().max(10_000).default(''),
  /** The page the visitor wrote from (shown to agents, linked from continuity e-mails). */
  pageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** The proactive campaign the visitor answered, if any. */
  campaignId: z.string().max(40).optional(),
  /** The visitor's display name for a new contact (from the site's identity data). */
  name: z.string().max(200).optional(),
});
export type WebchatInbound = z.infer<typeof webchatInboundSchema>;

/** The contact's name until the visitor gives one: short, recognisable, the same for the same visitor. */
export const visitorDisplayName = (visitorId: string) => `Visitante ${visitorId.replace(/[^A-Za-z0-9]/g, '').slice(-4).toUpperCase()}`;

/**
 * The web chat widget. There is no provider: the visitor's browser is the other end.
 * - Inbound: the widget API (`/api/v1/widget/messages`, modules/widget) verifies and parses with this adapter and
 *   stores through the same ingest as every channel; `/hooks/webchat/{id}` takes the same body and the same
 *   credential (so the conformance suite runs on it). The "signature" is the visitor token in X-Atiende-Visitor,
 *   signed with the channel's token secret, and the page must be on an allowed domain.
 * - Outbound: an agent's reply reaches the visitor through the event log: the visitor's socket
 *   (widget/visitor-hub.ts) pushes `message.created`, and the widget lists messages over HTTP after a reconnect.
 *   Nothing is handed to anyone at send time, so `send` only confirms: the reply is `sent` once committed, and
 *   moves to `read` when the widget reports the visitor saw it (POST /api/v1/widget/read). Replies the visitor
 *   does not see in time are e-mailed (widget/email-unread-replies.job.ts), not sent from here.
 */
export const webchatAdapter: ChannelAdapter = {
  type: 'webchat',
  capabilities: {
    // Visitors receive any file the agent attaches (they download it through a signed link).
    media: { types: ['*/*'], maxBytes: 25 * 1_048_576 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: false,
  },

  verify(channel, req) {
    const claims = readVisitorToken(channel.secrets?.tokenSecret, req.headers[VISITOR_TOKEN_HEADER]);
    if (!claims || !claimsAllowed(claims, channel)) return false;
    const body = req.body as { visitorId?: unknown } | undefined;
    if (body?.visitorId !== claims.visitorId) return false;
    return pageAllowed((channel.config.allowedDomains as string[] | undefined) ?? [], req.headers);
  },

  parse(_channel, req) {
    const parsed = webchatInboundSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      throw new InvalidPayloadError(`Invalid ${field}: ${issue.message}`, field);
    }
    const m = parsed.data;
    const meta = { ...(m.pageUrl ? { pageUrl: m.pageUrl } : {}), ...(m.campaignId ? { campaignId: m.campaignId } : {}) };
    return [{
      kind: 'message',
      externalId: `${m.visitorId}:${m.id}`,
      contact: { externalId: m.visitorId, name: m.name?.trim() || visitorDisplayName(m.visitorId) },
      text: m.text,
      ...(Object.keys(meta).length ? { meta } : {}),
    }];
  },

  async send(_channel, message) {
    return { externalId: `webchat:${message.messageId}` };
  },
};
