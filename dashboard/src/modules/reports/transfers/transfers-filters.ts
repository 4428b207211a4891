import { conversationStatuses, type ConversationStatus } from '../../inbox/conversations.api';
import { localDay } from '../../inbox/inbox-filters';
import type { TransfersReportFilters } from './transfers.api';

const KEYS = ['from', 'to', 'teamId', 'channelId', 'assigneeId', 'status', 'q'] as const;
const day = /^\d{4}-\d{2}-\d{2}$/;
const id = /^[1-9]\d*$/;

/** The last seven days up to today, in the reader's zone: what a supervisor usually looks at first. */
export function defaultRange(today: Date): { from: string; to: string } {
  const from = new Date(today);
  from.setDate(from.getDate() - 6);
  return { from: localDay(from)!, to: localDay(today)! };
}

/** Reads the filters from the URL, dropping anything malformed; a missing day falls back to the last seven days. */
export function readReportFilters(params: URLSearchParams, today: Date): TransfersReportFilters {
  const get = (key: (typeof KEYS)[number]) => params.get(key)?.trim() || undefined;
  const range = defaultRange(today);
  const from = get('from');
  const to = get('to');
  const f: TransfersReportFilters = { from: from && day.test(from) ? from : range.from, to: to && day.test(to) ? to : range.to };
  for (const key of ['teamId', 'channelId', 'assigneeId'] as const) {
    const value = get(key);
    if (value && id.test(value)) f[key] = value;
  }
  const status = get('status')
    ?.split(',')
    .filter((s): s is ConversationStatus => conversationStatuses.includes(s as ConversationStatus));
  if (status?.length) f.status = conversationStatuses.filter((s) => status.includes(s)).join(',');
  const q = get('q');
  if (q) f.q = q.slice(0, 200);
  return f;
}

export function reportFiltersToSearch(f: TransfersReportFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = f[key];
    if (value) params.set(key, value);
  }
  return params;
}
