import { describe, expect, it } from 'vitest';
import type { Message } from '../conversation.api';
import { asDeleted, buildRows, flattenTimeline, furthestStatus, patchMessage, upsertMessage, withDeliveryStatus, type TimelineData } from './timeline-data';

const msg = (id: number, over: Partial<Message> = {}): Message => ({
  id,
  conversationId: 1,
  kind: 'message',
  direction: 'inbound',
  sender: { type: 'contact', id: 7 },
  body: `m${id}`,
  meta: {},
  externalId: null,
  deliveryStatus: null,
  failureReason: null,
  attachments: [],
  deletedAt: null,
  createdAt: new Date(2030, 0, 1, 10, id).toISOString(),
  ...over,
});

const data = (...pages: Message[][]): TimelineData => ({
  pages: pages.map((items) => ({ items, nextBefore: null, nextAfter: null })),
  pageParams: pages.map((_, i) => (i === 0 ? undefined : i)),
});

const ids = (d: TimelineData | undefined) => flattenTimeline(d).map((m) => m.id);

describe('timeline cache', () => {
  it('flattens newest-first pages into one oldest-first list without duplicates', () => {
    expect(ids(data([msg(5), msg(6)], [msg(3), msg(4), msg(5)], [msg(1)]))).toEqual([1, 3, 4, 5, 6]);
    expect(flattenTimeline(undefined)).toEqual([]);
  });

  it('appends a new entry to the newest page, once, in id order', () => {
    const d = data([msg(5), msg(6)], [msg(3)]);
    const once = upsertMessage(d, msg(8));
    const twice = upsertMessage(once, msg(8));
    expect(ids(twice)).toEqual([3, 5, 6, 8]);
    expect(ids(upsertMessage(twice, msg(7)))).toEqual([3, 5, 6, 7, 8]);
    expect(twice!.pages[1]).toBe(d.pages[1]);
  });

  it('replaces an entry already shown, keeping the furthest delivery status', () => {
    const d = data([msg(5, { direction: 'outbound', deliveryStatus: 'delivered' })]);
    const stale = upsertMessage(d, msg(5, { direction: 'outbound', deliveryStatus: 'queued', body: 'edited' }));
    expect(flattenTimeline(stale)[0]).toMatchObject({ body: 'edited', deliveryStatus: 'delivered' });
  });

  it('moves delivery status only forward; failed is final', () => {
    expect(furthestStatus('sent', 'queued')).toBe('sent');
    expect(furthestStatus('sent', 'read')).toBe('read');
    expect(furthestStatus('failed', 'read')).toBe('failed');
    expect(furthestStatus(null, 'queued')).toBe('queued');
    const d = data([msg(5, { direction: 'outbound', deliveryStatus: 'queued' })]);
    const failed = patchMessage(d, 5, withDeliveryStatus('failed', 'número inválido'));
    expect(flattenTimeline(failed)[0]).toMatchObject({ deliveryStatus: 'failed', failureReason: 'número inválido' });
    expect(flattenTimeline(patchMessage(failed, 5, withDeliveryStatus('delivered', null)))[0]!.deliveryStatus).toBe('failed');
  });

  it('marks an entry deleted in place and leaves unknown ids alone', () => {
    const d = data([msg(5, { attachments: [{ id: 1, filename: 'a', contentType: 'image/png', size: 1, url: '/x' }] })]);
    const deleted = flattenTimeline(patchMessage(d, 5, asDeleted('2030-01-01T00:00:00.000Z')))[0]!;
    expect(deleted).toMatchObject({ body: '', attachments: [], deletedAt: '2030-01-01T00:00:00.000Z' });
    expect(patchMessage(d, 99, asDeleted('x'))).toBe(d);
    expect(upsertMessage(undefined, msg(1))).toBeUndefined();
  });
});

describe('buildRows', () => {
  it('puts a separator before each new local day and groups consecutive entries of one sender', () => {
    const day1 = new Date(2030, 0, 1, 23, 58).toISOString();
    const day1b = new Date(2030, 0, 1, 23, 59).toISOString();
    const day2 = new Date(2030, 0, 2, 0, 1).toISOString();
    const rows = buildRows([
      msg(1, { createdAt: day1 }),
      msg(2, { createdAt: day1b }),
      msg(3, { createdAt: day1b, kind: 'note', direction: null, sender: { type: 'user', id: 1 } }),
      msg(4, { createdAt: day2 }),
    ]);
    expect(rows.map((r) => (r.type === 'day' ? r.day : `${r.message.id}${r.continued ? '+' : ''}`))).toEqual(['2030-01-01', '1', '2+', '3', '2030-01-02', '4']);
  });
});
