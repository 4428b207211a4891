import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import { ChannelSendError, type OutboundAttachment, type OutboundContent } from '../channels/channel.js';
import { adapterFor } from '../channels/registry.js';
import { loadChannelWithSecrets } from '../channels/load-channel.js';
import { attachmentsOf, findMessage } from './messages.repo.js';
import { recordDelivery } from './record-delivery.js';
import { contactExternalId } from './outbound.repo.js';
import { signedAttachmentUrl } from './attachment-links.js';

export const SEND_OUTBOUND = 'outbound.send';

type Data = { workspaceId: number; messageId: number };

/**
 * Sends one queued reply through its channel's adapter. Retryable failures are thrown so pg-boss
 * retries with backoff; a permanent failure, or the last retry, marks the message failed with the reason.
 */
export const sendOutboundJob: JobDefinition<Data, AppContext> = {
  name: SEND_OUTBOUND,
  concurrency: 4,
  options: { retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 },
  async handle(ctx, { workspaceId, messageId }, job) {
    const message = await findMessage(ctx.db, workspaceId, messageId);
    if (!message || message.deliveryStatus !== 'queued' || message.deletedAt) return;
    const channel = await loadChannelWithSecrets(ctx, message.channelId);
    const adapter = channel && adapterFor(channel.type);
    const to = await contactExternalId(ctx.db, message.conversationId);
    if (!channel || !adapter || !channel.active || !to) {
      return recordDelivery(ctx, workspaceId, messageId, 'failed', { failureReason: !to ? 'The contact has no identity on this channel' : 'The channel is not available' });
    }
    const files = await attachmentsOf(ctx.db, [messageId]);
    try {
      const sent = await adapter.send(
        channel,
        {
          messageId,
          conversationId: message.conversationId,
          contactExternalId: to,
          content: outboundContent(message.body, message.meta, files.map((f) => ({ url: signedAttachmentUrl(ctx, f.id), filename: f.filename, contentType: f.contentType, size: f.size }))),
        },
        { timeoutMs: ctx.config.OUTBOUND_TIMEOUT_MS, config: ctx.config },
      );
      await recordDelivery(ctx, workspaceId, messageId, 'sent', { externalId: sent.externalId });
    } catch (err) {
      const e = err instanceof ChannelSendError ? err : new ChannelSendError('retryable', (err as Error).message);
      if (e.kind === 'permanent' || job.retryCount >= job.retryLimit) {
        return recordDelivery(ctx, workspaceId, messageId, 'failed', { failureReason: e.providerCode ? `${e.providerCode}: ${e.message}` : e.message });
      }
      throw e;
    }
  },
};

/** What the stored reply is for the channel: files (the body as caption), buttons (meta.buttons), or text. */
function outboundContent(body: string, meta: Record<string, unknown>, attachments: OutboundAttachment[]): OutboundContent {
  if (attachments.length) return { type: 'media', text: body, attachments };
  const buttons = meta.buttons;
  if (Array.isArray(buttons) && buttons.length && buttons.every((b) => typeof b?.id === 'string' && typeof b?.title === 'string')) {
    return { type: 'interactive', text: body, buttons: buttons as Array<{ id: string; title: string }> };
  }
  return { type: 'text', text: body };
}
