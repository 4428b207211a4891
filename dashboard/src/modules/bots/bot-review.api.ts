import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export const turnOutcomes = ['answered', 'fallback', 'collected', 'handoff', 'delegated', 'error'] as const;
export type TurnOutcome = (typeof turnOutcomes)[number];
export const handoffReasons = ['requested', 'failures', 'unsure', 'bot_error', 'bot'] as const;
export type HandoffReason = (typeof handoffReasons)[number];

/** One customer message and what the bot did with it. */
export interface Turn {
  id: number;
  conversationId: number;
  contact: { id: number; name: string };
  botId: number | null;
  question: string;
  answer: string;
  intent: { id: number | null; name: string } | null;
  /** 0..1, or null when nothing was matched. */
  confidence: number | null;
  outcome: TurnOutcome;
  handoffReason: HandoffReason | null;
  flagged: boolean;
  flagNote: string | null;
  flaggedBy: { id: number; name: string } | null;
  flaggedAt: string | null;
  createdAt: string;
}

export interface TurnPage {
  items: Turn[];
  nextBefore: number | null;
}

/** The list's filters: everything, answers marked wrong, the ones not understood, hand-offs. */
export const turnFilters = ['all', 'flagged', 'fallback', 'handoff'] as const;
export type TurnFilter = (typeof turnFilters)[number];

const filterQuery: Record<TurnFilter, { flagged?: string; outcome?: TurnOutcome }> = {
  all: {},
  flagged: { flagged: 'true' },
  fallback: { outcome: 'fallback' },
  handoff: { outcome: 'handoff' },
};

export interface UnmatchedQuestion {
  example: string;
  count: number;
  lastAskedAt: string;
}

export interface BotSummary {
  turns: number;
  answered: number;
  fallback: number;
  handoffs: Partial<Record<HandoffReason, number>>;
  conversations: { withBot: number; handedOff: number; resolvedByBot: number };
  flagged: number;
}

const TURNS_PAGE = 50;

export const reviewKeys = {
  all: ['bot-review'] as const,
  turns: (filter: TurnFilter) => ['bot-review', 'turns', filter] as const,
  unmatched: (days: number) => ['bot-review', 'unmatched', days] as const,
  summary: (from: string, to: string) => ['bot-review', 'summary', from, to] as const,
};

export function useBotTurns(filter: TurnFilter) {
  return useInfiniteQuery({
    queryKey: reviewKeys.turns(filter),
    queryFn: ({ pageParam, signal }) => api<TurnPage>('/bot-review/turns', { query: { ...filterQuery[filter], before: pageParam, limit: TURNS_PAGE }, signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

export function useUnmatchedQuestions(days: number) {
  return useQuery({
    queryKey: reviewKeys.unmatched(days),
    queryFn: async ({ signal }) => (await api<{ items: UnmatchedQuestion[] }>('/bot-review/unmatched', { query: { days }, signal })).items,
  });
}

export function useBotSummary(range: { from: string; to: string }) {
  return useQuery({
    queryKey: reviewKeys.summary(range.from, range.to),
    queryFn: ({ signal }) => api<BotSummary>('/bot-review/summary', { query: range, signal }),
  });
}

/** Marks an answer wrong (a note) or takes the mark back (null), updating it in every loaded list; the summary's count follows. */
export function useFlagTurn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string | null }) =>
      note === null ? api<Turn>(`/bot-review/turns/${id}/flag`, { method: 'DELETE' }) : api<Turn>(`/bot-review/turns/${id}/flag`, { body: { note } }),
    onSuccess: (turn) => {
      queryClient.setQueriesData<InfiniteData<TurnPage>>({ queryKey: ['bot-review', 'turns'] }, (data) =>
        data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === turn.id ? turn : item)) })) } : data,
      );
      void queryClient.invalidateQueries({ queryKey: ['bot-review', 'summary'] });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.turns('flagged') });
    },
  });
}
