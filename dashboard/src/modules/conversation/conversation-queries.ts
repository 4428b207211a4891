import { useMemo } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { conversationKeys, getConversation, type Conversation, type ConversationSummary } from '../inbox/conversations.api';
import {
  getTimeline, listClosingCategories, listContactConversations, listMembers, listTags, listTeams, paneKeys, type Member, type Message, type Team,
} from './conversation.api';
import { upsertMessage, type TimelineData } from './timeline/timeline-data';

const CATALOGUE_STALE_MS = 5 * 60_000;

export function useConversation(id: number) {
  return useQuery({ queryKey: conversationKeys.detail(id), queryFn: ({ signal }) => getConversation(id, signal), enabled: id > 0 });
}

/** The timeline, newest page first; `fetchNextPage` loads older entries. */
export function useTimeline(id: number) {
  return useInfiniteQuery({
    queryKey: paneKeys.timeline(id),
    queryFn: ({ pageParam, signal }) => getTimeline(id, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: id > 0,
  });
}

export const useMembers = () => useQuery({ queryKey: paneKeys.members, queryFn: ({ signal }) => listMembers(signal), staleTime: CATALOGUE_STALE_MS });
export const useTeams = () => useQuery({ queryKey: paneKeys.teams, queryFn: ({ signal }) => listTeams(signal), staleTime: CATALOGUE_STALE_MS });
export const useTags = () => useQuery({ queryKey: paneKeys.tags, queryFn: ({ signal }) => listTags(signal), staleTime: CATALOGUE_STALE_MS });
export const useClosingCategories = () =>
  useQuery({ queryKey: paneKeys.closingCategories, queryFn: ({ signal }) => listClosingCategories(signal), staleTime: CATALOGUE_STALE_MS });

/** The contact's conversations (this one included), newest activity first. */
export function useContactConversations(contactId: number | undefined) {
  return useQuery({
    queryKey: paneKeys.history(contactId ?? 0),
    queryFn: ({ signal }) => listContactConversations(contactId!, signal),
    enabled: !!contactId,
    staleTime: 30_000,
  });
}

export interface Directory {
  members: Member[];
  teams: Team[];
  userName: (id: number) => string | null;
  teamName: (id: number) => string | null;
}

/** Teammates and teams by id, for names in the timeline and pickers. */
export function useDirectory(): Directory {
  const members = useMembers().data;
  const teams = useTeams().data;
  return useMemo(() => {
    const userById = new Map((members ?? []).map((m) => [m.id, m.name]));
    const teamById = new Map((teams ?? []).map((t) => [t.id, t.name]));
    return {
      members: members ?? [],
      teams: teams ?? [],
      userName: (id) => userById.get(id) ?? null,
      teamName: (id) => teamById.get(id) ?? null,
    };
  }, [members, teams]);
}

/** Puts a message the server just answered with into the timeline (the live event may come before or after). */
export function addToTimeline(queryClient: QueryClient, message: Message) {
  queryClient.setQueryData<TimelineData>(paneKeys.timeline(message.conversationId), (data) => upsertMessage(data, message));
}

/** Stores a conversation an action answered with, in the pane and in the lists' cached pages. */
export function useStoreConversation() {
  const queryClient = useQueryClient();
  return (c: Conversation) => storeConversation(queryClient, c);
}

export function storeConversation(queryClient: QueryClient, c: Conversation) {
  queryClient.setQueryData(conversationKeys.detail(c.id), c);
  // The inbox lists react to the realtime event; the counts too. Earlier-conversation lists are cheap to refresh.
  void queryClient.invalidateQueries({ queryKey: paneKeys.history(c.contact.id) });
}

/**
 * Applies an event's conversation summary to the cached conversation. Assignee and team arrive as ids;
 * when they change, the conversation is refetched to get the names.
 */
export function applySummary(queryClient: QueryClient, summary: ConversationSummary) {
  const key = conversationKeys.detail(summary.id);
  const current = queryClient.getQueryData<Conversation>(key);
  if (!current) return;
  const moved = (current.assignee?.id ?? null) !== summary.assigneeId || (current.team?.id ?? null) !== summary.teamId;
  queryClient.setQueryData<Conversation>(key, {
    ...current,
    status: summary.status,
    priority: summary.priority,
    tags: summary.tags,
    botActive: summary.botActive,
    unreadCount: summary.unreadCount,
    lastActivityAt: summary.lastActivityAt,
    lastMessagePreview: summary.lastMessagePreview,
  });
  if (moved || summary.status !== current.status) void queryClient.invalidateQueries({ queryKey: key, exact: true });
}
