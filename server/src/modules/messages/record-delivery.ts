import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { advanceDelivery, lockProviderIds } from './messages.repo.js';
import type { DeliveryStatus } from './delivery-status.js';
import { takeReceipts } from './pending-receipts.repo.js';

const DELIVERY_ORDER: DeliveryStatus[] = ['sent', 'delivered', 'read', 'failed'];

/** Moves an outbound message's delivery status forward (never back) and tells the conversation's audience. */
export async function recordDelivery(ctx: AppContext, workspaceId: number, messageId: number, to: DeliveryStatus, patch: { failureReason?: string; externalId?: string } = {}) {
  await inTransaction(ctx, async (tx, emit) => {
    if (patch.externalId) await lockProviderIds(tx, [patch.externalId]);
    const row = await advanceDelivery(tx, { id: messageId }, to, patch);
    if (!row) return; // already further along (a receipt arrived first, or a duplicate job)
    const [c] = await findConversationsByIds(tx, workspaceId, [row.conversationId]);
    emit(conversationEvent(c, 'message.status_changed', { type: 'system' }, { messageId, status: to, failureReason: row.failureReason, externalId: row.externalId }));
    if (!patch.externalId) return;
    // Receipts the provider sent before our send's answer came back, applied in order (forward only).
    const early = (await takeReceipts(tx, row.channelId, patch.externalId)).sort((a, b) => DELIVERY_ORDER.indexOf(a.status) - DELIVERY_ORDER.indexOf(b.status));
    for (const receipt of early) {
      const moved = await advanceDelivery(tx, { id: messageId }, receipt.status, receipt.failureReason ? { failureReason: receipt.failureReason } : {});
      if (moved) emit(conversationEvent(c, 'message.status_changed', { type: 'system' }, { messageId, status: moved.deliveryStatus, failureReason: moved.failureReason, externalId: moved.externalId }));
    }
  });
}
