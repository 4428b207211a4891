import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import { ChannelSendError, type ChannelAdapter, type OutboundAttachment, type OutboundContent, type TemplateComponent } from '../channels/channel.js';
import { adapterFor } from '../channels/registry.js';
import { loadChannelWithSecrets } from '../channels/load-channel.js';
import { attachmentsOf, findMessage } from './messages.repo.js';
import { recordDelivery } from './record-delivery.js';
import { contactExternalId, lastInboundMessage, recordSentPart } from './outbound.repo.js';
import { signedAttachmentUrl } from './attachment-links.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { replyWindowState } from './reply-window.js';
import { deferSend, takeSendPermit } from './outbound-throttle.js';
import { sendLookup } from './send-lookup.js';

export const SEND_OUTBOUND = 'outbound.send';

/** `deferrals`: how many times this send already waited for its channel's rate (outbound-throttle.ts). */
type Data = { workspaceId: number; messageId: number; deferrals?: number };
/** A provider that keeps answering "rate limited" gives the message up after this many waits. */
const MAX_RATE_LIMITED_WAITS = 20;

/**
 * Sends one queued reply through its channel's adapter. Retryable failures are thrown so pg-boss
 * retries with backoff; a permanent failure, or the last retry, marks the message failed with the reason.
 */
export const sendOutboundJob: JobDefinition<Data, AppContext> = {
  name: SEND_OUTBOUND,
  concurrency: 4,
  options: { retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 },
  async handle(ctx, data, job) {
    const { workspaceId, messageId } = data;
    const message = await findMessage(ctx.db, workspaceId, messageId);
    if (!message || message.deliveryStatus !== 'queued' || message.deletedAt) return;
    const channel = await loadChannelWithSecrets(ctx, message.channelId);
    const adapter = channel && adapterFor(channel.type);
    const to = await contactExternalId(ctx.db, message.conversationId);
    if (!channel || !adapter || !channel.active || !to) {
      return recordDelivery(ctx, workspaceId, messageId, 'failed', { failureReason: !to ? 'The contact has no identity on this channel' : 'The channel is not available' });
    }
    const perSecond = adapter.capabilities.maxSendsPerSecond;
    if (perSecond && !(await takeSendPermit(ctx, { workspaceId, channelId: channel.id, messageId, perSecond }))) return deferSend(ctx, SEND_OUTBOUND, data, 1);
    const files = await attachmentsOf(ctx.db, [messageId]);
    const windowTag = await windowTagFor(ctx, adapter, workspaceId, message.conversationId);
    const inReplyTo = adapter.capabilities.threadsReplies ? await lastInboundMessage(ctx.db, message.conversationId) : null;
    try {
      const sent = await adapter.send(
        channel,
        {
          messageId,
          conversationId: message.conversationId,
          contactExternalId: to,
          ...(windowTag ? { windowTag } : {}),
          ...(inReplyTo ? { inReplyTo } : {}),
          content: outboundContent(message.body, message.meta, files.map((f) => ({ url: signedAttachmentUrl(ctx, f.id), filename: f.filename, contentType: f.contentType, size: f.size }))),
        },
        {
          timeoutMs: ctx.config.OUTBOUND_TIMEOUT_MS,
          config: ctx.config,
          lookup: sendLookup(ctx, workspaceId),
          // A retry resumes after the parts a failed try got out: the customer gets each part once.
          parts: { sent: sentPartsOf(message.meta), record: (id) => recordSentPart(ctx.db, messageId, id) },
        },
      );
      await recordDelivery(ctx, workspaceId, messageId, 'sent', { externalId: sent.externalId });
    } catch (err) {
      const e = err instanceof ChannelSendError ? err : new ChannelSendError('retryable', (err as Error).message);
      // The provider says how long to wait: wait that long, without spending one of the job's retries.
      if (e.kind === 'rate_limited' && (data.deferrals ?? 0) < MAX_RATE_LIMITED_WAITS) return deferSend(ctx, SEND_OUTBOUND, data, (e.retryAfterMs ?? 1000) / 1000);
      if (e.kind === 'permanent' || job.retryCount >= job.retryLimit) {
        return recordDelivery(ctx, workspaceId, messageId, 'failed', { failureReason: e.providerCode ? `${e.providerCode}: ${e.message}` : e.message });
      }
      throw e;
    }
  },
};

const sentPartsOf = (meta: unknown): string[] => {
  const parts = (meta as { sentParts?: unknown } | null)?.sentParts;
  return Array.isArray(parts) ? parts.filter((p): p is string => typeof p === 'string') : [];
};

/**
 * The provider's tag when the reply goes out past the channel's reply window but within its tagged extension
 * (Messenger's HUMAN_AGENT), judged when it is sent: a retried reply may leave after the window closed.
 */
async function windowTagFor(ctx: AppContext, adapter: ChannelAdapter, workspaceId: number, conversationId: number): Promise<string | undefined> {
  if (!adapter.capabilities.replyWindow.tag) return undefined;
  const [conversation] = await findConversationsByIds(ctx.db, workspaceId, [conversationId]);
  if (!conversation) return undefined;
  const state = replyWindowState(adapter.capabilities.replyWindow, conversation.lastInboundAt, ctx.clock.now());
  return state.open ? state.tag : undefined;
}

/** What the stored reply is for the channel: a template (meta.template), files (the body as caption), buttons (meta.buttons), or text. */
function outboundContent(body: string, meta: Record<string, unknown>, attachments: OutboundAttachment[]): OutboundContent {
  const template = meta.template as { name?: unknown; language?: unknown; components?: unknown; externalId?: unknown } | undefined;
  if (template && typeof template.name === 'string' && typeof template.language === 'string') {
    const components = Array.isArray(template.components) ? (template.components as TemplateComponent[]) : [];
    return { type: 'template', name: template.name, language: template.language, components, ...(typeof template.externalId === 'string' ? { externalId: template.externalId } : {}) };
  }
  if (attachments.length) return { type: 'media', text: body, attachments };
  const buttons = meta.buttons;
  if (Array.isArray(buttons) && buttons.length && buttons.every((b) => typeof b?.id === 'string' && typeof b?.title === 'string')) {
    return { type: 'interactive', text: body, buttons: buttons as Array<{ id: string; title: string }> };
  }
  return { type: 'text', text: body };
}
