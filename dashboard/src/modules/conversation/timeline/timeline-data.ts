import type { InfiniteData } from '@tanstack/react-query';
import type { DeliveryStatus, Message, TimelinePage } from '../conversation.api';

/** The timeline query's cache: pages[0] is the newest page, each following page is older (`before`). */
export type TimelineData = InfiniteData<TimelinePage, unknown>;

export type TimelineRow =
  | { key: string; type: 'day'; day: string; iso: string }
  | { key: string; type: 'entry'; message: Message; /** Same sender and kind as the entry above, within 5 minutes. */ continued: boolean };

const rank: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** Delivery status only moves forward (queued → sent → delivered → read; failed is final), whatever order updates arrive in. */
export function furthestStatus(a: DeliveryStatus | null, b: DeliveryStatus | null): DeliveryStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a === 'failed' || b === 'failed') return 'failed';
  return rank[b] > rank[a] ? b : a;
}

function merge(old: Message, incoming: Message): Message {
  const status = furthestStatus(old.deliveryStatus, incoming.deliveryStatus);
  return {
    ...incoming,
    deliveryStatus: status,
    failureReason: status === 'failed' ? incoming.failureReason ?? old.failureReason : incoming.failureReason,
    deletedAt: incoming.deletedAt ?? old.deletedAt,
  };
}

/** Every entry once, oldest first. */
export function flattenTimeline(data: TimelineData | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<number>();
  const out: Message[] = [];
  for (let p = data.pages.length - 1; p >= 0; p--) {
    for (const m of data.pages[p]!.items) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out;
}

function mapPages(data: TimelineData, fn: (items: Message[], index: number) => Message[]): TimelineData {
  let changed = false;
  const pages = data.pages.map((page, i) => {
    const items = fn(page.items, i);
    if (items === page.items) return page;
    changed = true;
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}

/** Adds a new entry (from the POST answer or a live event) or refreshes the copy already shown; never twice. */
export function upsertMessage(data: TimelineData | undefined, message: Message): TimelineData | undefined {
  if (!data || data.pages.length === 0) return data;
  let found = false;
  const updated = mapPages(data, (items) => {
    const i = items.findIndex((m) => m.id === message.id);
    if (i < 0) return items;
    found = true;
    const next = items.slice();
    next[i] = merge(items[i]!, message);
    return next;
  });
  if (found) return updated;
  return mapPages(data, (items, index) => {
    if (index !== 0) return items;
    const next = items.slice();
    let at = next.length;
    while (at > 0 && next[at - 1]!.id > message.id) at--;
    next.splice(at, 0, message);
    return next;
  });
}

/** Changes one entry where it is, if it is loaded. */
export function patchMessage(data: TimelineData | undefined, id: number, patch: (m: Message) => Message): TimelineData | undefined {
  if (!data) return data;
  return mapPages(data, (items) => {
    const i = items.findIndex((m) => m.id === id);
    if (i < 0) return items;
    const next = items.slice();
    next[i] = patch(items[i]!);
    return next;
  });
}

export const withDeliveryStatus = (status: DeliveryStatus, failureReason: string | null) => (m: Message): Message => {
  const next = furthestStatus(m.deliveryStatus, status);
  return { ...m, deliveryStatus: next, failureReason: next === 'failed' ? failureReason ?? m.failureReason : m.failureReason };
};

export const asDeleted = (deletedAt: string) => (m: Message): Message => ({ ...m, deletedAt: m.deletedAt ?? deletedAt, body: '', meta: {}, attachments: [] });

/** The local calendar day of a timestamp, as YYYY-MM-DD. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const GROUP_WINDOW_MS = 5 * 60_000;

/** The rows the virtualised list shows: a separator at each new day, then the entries. */
export function buildRows(messages: Message[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let day = '';
  let previous: Message | null = null;
  for (const m of messages) {
    const d = localDay(m.createdAt);
    if (d !== day) {
      rows.push({ key: `day-${d}`, type: 'day', day: d, iso: m.createdAt });
      day = d;
      previous = null;
    }
    const continued =
      previous !== null &&
      m.kind !== 'activity' &&
      previous.kind === m.kind &&
      previous.direction === m.direction &&
      previous.sender.type === m.sender.type &&
      previous.sender.id === m.sender.id &&
      new Date(m.createdAt).getTime() - new Date(previous.createdAt).getTime() < GROUP_WINDOW_MS;
    rows.push({ key: `m-${m.id}`, type: 'entry', message: m, continued });
    previous = m;
  }
  return rows;
}
