import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import type { ConversationStatus } from '../../inbox/conversations.api';
import { startOfDay } from '../../inbox/inbox-filters';

export interface Named {
  id: number;
  name: string;
}
/** Where a conversation was or went: a team, an agent, both or neither. */
export interface Placement {
  team: Named | null;
  agent: Named | null;
}
export interface Transfer {
  id: number;
  conversationId: number;
  from: Placement;
  to: Placement;
  /** `user`, `api`, `system` or `bot`; `user` names who. */
  by: { type: string; user: Named | null };
  reason: string | null;
  at: string;
}
export interface TransferredConversation {
  id: number;
  status: ConversationStatus;
  contact: { id: number; name: string; phone: string | null };
  channel: { id: number; type: string; name: string };
  team: Named | null;
  assignee: Named | null;
  lastTransferAt: string;
}
export interface TransfersReportItem {
  conversation: TransferredConversation;
  transfers: Transfer[];
}
export interface TransfersReportPage {
  items: TransfersReportItem[];
  nextCursor: string | null;
}

/** The report's filters as they live in the URL: calendar days in the reader's zone, ids as strings. */
export interface TransfersReportFilters {
  from: string;
  to: string;
  teamId?: string;
  channelId?: string;
  assigneeId?: string;
  /** Comma-separated statuses; none means all. */
  status?: string;
  q?: string;
}

export const REPORT_PAGE_SIZE = 50;

export const transferKeys = {
  report: (f: TransfersReportFilters) => ['reports', 'transfers', f] as const,
  // Under the conversations' root key: whoever refreshes every conversation query refreshes this too.
  conversation: (id: number) => ['conversations', 'transfers', id] as const,
};

/** The query GET /reports/transfers takes; `to` is inclusive, up to the end of that day. */
export function toReportQuery(f: TransfersReportFilters) {
  const end = startOfDay(f.to);
  end.setDate(end.getDate() + 1);
  return { from: startOfDay(f.from).toISOString(), to: end.toISOString(), teamId: f.teamId, channelId: f.channelId, assigneeId: f.assigneeId, status: f.status, q: f.q };
}

export const fetchTransfersReport = (f: TransfersReportFilters, cursor: string | null, signal?: AbortSignal) =>
  api<TransfersReportPage>('/reports/transfers', { query: { ...toReportQuery(f), cursor, limit: REPORT_PAGE_SIZE }, signal });

export const useConversationTransfers = (conversationId: number) =>
  useQuery({
    queryKey: transferKeys.conversation(conversationId),
    queryFn: ({ signal }) => api<{ items: Transfer[] }>(`/conversations/${conversationId}/transfers`, { signal }).then((r) => r.items),
  });
