import { describe, expect, it } from 'vitest';
import { canAdvanceDelivery, statusesBefore } from './delivery-status.js';

describe('delivery status', () => {
  it('moves forward only: queued → sent → delivered → read', () => {
    expect(canAdvanceDelivery('queued', 'sent')).toBe(true);
    expect(canAdvanceDelivery('sent', 'read')).toBe(true); // a read receipt may come without delivered
    expect(canAdvanceDelivery('read', 'delivered')).toBe(false);
    expect(canAdvanceDelivery('delivered', 'sent')).toBe(false);
    expect(canAdvanceDelivery('sent', 'sent')).toBe(false);
  });

  it('failed is final and cannot overwrite a delivered message', () => {
    expect(canAdvanceDelivery('queued', 'failed')).toBe(true);
    expect(canAdvanceDelivery('sent', 'failed')).toBe(true);
    expect(canAdvanceDelivery('delivered', 'failed')).toBe(false);
    for (const to of ['queued', 'sent', 'delivered', 'read'] as const) expect(canAdvanceDelivery('failed', to)).toBe(false);
  });

  it('lists the states an update may start from', () => {
    expect(statusesBefore('delivered')).toEqual(['queued', 'sent']);
    expect(statusesBefore('failed')).toEqual(['queued', 'sent']);
  });
});
