export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

const rank: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Delivery status only moves forward: queued → sent → delivered → read; failed is final.
 * Providers deliver receipts out of order and twice; a late `delivered` after `read` is ignored.
 */
export function canAdvanceDelivery(from: DeliveryStatus | null, to: DeliveryStatus): boolean {
  if (from === null) return to === 'queued';
  if (from === 'failed') return false;
  if (to === 'failed') return from !== 'read' && from !== 'delivered';
  return rank[to] > rank[from];
}

/** The statuses a row may be in for `to` to apply, for a guarded UPDATE … WHERE delivery_status IN (…). */
export function statusesBefore(to: DeliveryStatus): DeliveryStatus[] {
  return (['queued', 'sent', 'delivered', 'read', 'failed'] as const).filter((s) => canAdvanceDelivery(s, to));
}
