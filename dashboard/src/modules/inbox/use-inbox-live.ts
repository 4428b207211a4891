import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { type Me, meKey } from '../../app/auth';
import { useRealtimeEvent, type RealtimeEvent } from '../../app/realtime/realtime-provider';
import { type Conversation, type ConversationFilters, conversationKeys, getConversation, listConversations } from './conversations.api';
import { type Matchable, matchConversation } from './inbox-filters';
import { inboxKeys, type TeamOption, type UserOption } from './inbox.api';
import { findConversation, type ListData, type Lookups, mergeFirstPage, replaceConversation, summaryOf, withSummary } from './list-cache';
import { clearNewAssignment, flagNewAssignment } from './new-assignments';

export const PAGE_SIZE = 30;
const FIRST_PAGE_DELAY_MS = 250;
const COUNTS_DELAY_MS = 500;

export const toMatchable = (c: Conversation): Matchable => ({
  status: c.status,
  assigneeId: c.assignee?.id ?? null,
  teamId: c.team?.id ?? null,
  priority: c.priority,
  tags: c.tags,
  channelId: c.channel.id,
  contactId: c.contact.id,
  createdAt: c.createdAt,
});

/** Catalogue events and the queries they make stale. */
const catalogueRoots: Array<[string, QueryKey]> = [
  ['channel.', ['channels']],
  ['team.', ['teams']],
  ['tag.', ['tags']],
  ['user.', ['users']],
  ['view.', inboxKeys.views],
];

/** Events that may change what I can see (the server's hub reloads my permissions on the same ones). */
const permissionEvents = new Set(['user.updated', 'user.deactivated', 'team.updated', 'team.members_changed', 'team.deleted']);

interface LiveOptions {
  me: Me;
  /** The list on screen, in API form. */
  filters: ConversationFilters;
  users: UserOption[] | undefined;
  teams: TeamOption[] | undefined;
  selectedId: number | null;
}

/**
 * Keeps the inbox current from the realtime stream: the card of a conversation changes in place and
 * moves to the top on new activity, conversations that stop matching the filters leave, new ones come
 * in (one fetch of the first page, batched), counts refresh (debounced), and a conversation newly
 * assigned to me is flagged until I open it.
 */
export function useInboxLive({ me, filters, users, teams, selectedId }: LiveOptions) {
  const queryClient = useQueryClient();
  const state = useRef({ filters, users, teams, selectedId, me });
  state.current = { filters, users, teams, selectedId, me };
  const timers = useRef({ counts: null as ReturnType<typeof setTimeout> | null, firstPage: null as ReturnType<typeof setTimeout> | null });
  const firstPageRun = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  const detailFetches = useRef(new Set<number>());

  useEffect(
    () => () => {
      const t = timers.current;
      if (t.counts) clearTimeout(t.counts);
      if (t.firstPage) clearTimeout(t.firstPage);
    },
    [],
  );

  // Opening a flagged conversation is what clears its highlight.
  useEffect(() => {
    if (selectedId !== null) clearNewAssignment(me.user.id, selectedId);
  }, [selectedId, me.user.id]);

  const lookups = (): Lookups => ({
    user: (id) => {
      const u = state.current.users?.find((x) => x.id === id);
      return u ? { id: u.id, name: u.name, avatarUrl: u.avatarUrl } : undefined;
    },
    team: (id) => {
      const t = state.current.teams?.find((x) => x.id === id);
      return t ? { id: t.id, name: t.name } : undefined;
    },
  });

  const refreshCounts = () => {
    if (timers.current.counts) return;
    timers.current.counts = setTimeout(() => {
      timers.current.counts = null;
      void queryClient.invalidateQueries({ queryKey: conversationKeys.counts() });
    }, COUNTS_DELAY_MS);
  };

  const refreshFirstPage = () => {
    if (timers.current.firstPage) return;
    timers.current.firstPage = setTimeout(() => {
      timers.current.firstPage = null;
      void runFirstPage();
    }, FIRST_PAGE_DELAY_MS);
  };

  const runFirstPage = async () => {
    const run = firstPageRun.current;
    if (run.running) {
      run.again = true;
      return;
    }
    run.running = true;
    const apiFilters = state.current.filters;
    const key = conversationKeys.list(apiFilters);
    try {
      const page = await listConversations(apiFilters, null, undefined, PAGE_SIZE);
      queryClient.setQueryData<ListData>(key, (data) => (data ? mergeFirstPage(data, page) : data));
    } catch {
      // The next event or a reload brings it; the list stays as it was.
    } finally {
      run.running = false;
      if (run.again) {
        run.again = false;
        refreshFirstPage();
      }
    }
  };

  const fetchDetail = async (id: number) => {
    if (detailFetches.current.has(id)) return;
    detailFetches.current.add(id);
    try {
      const fresh = await getConversation(id);
      const { filters: apiFilters, me: current } = state.current;
      const key = conversationKeys.list(apiFilters);
      const keep = matchConversation(toMatchable(fresh), apiFilters, current) !== 'no';
      queryClient.setQueryData<ListData>(key, (data) => (data ? replaceConversation(data, id, keep ? fresh : null) : data));
    } catch {
      // Gone or out of reach (404): it leaves the list.
      const key = conversationKeys.list(state.current.filters);
      queryClient.setQueryData<ListData>(key, (data) => (data ? replaceConversation(data, id, null) : data));
    } finally {
      detailFetches.current.delete(id);
    }
  };

  const onEvent = (event: RealtimeEvent) => {
    for (const [prefix, key] of catalogueRoots) {
      if (event.type.startsWith(prefix)) void queryClient.invalidateQueries({ queryKey: key });
    }
    if (permissionEvents.has(event.type)) {
      void queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
      refreshCounts();
    }
    const summary = summaryOf(event.payload);
    if (!summary) return;
    const { me: current, filters: apiFilters, selectedId: openId } = state.current;
    refreshCounts();
    trackAssignment(event, summary.assigneeId, current.user.id, openId);

    const activeKey = conversationKeys.list(apiFilters);
    // Other cached lists refetch when shown again.
    void queryClient.invalidateQueries({
      queryKey: conversationKeys.lists(),
      refetchType: 'none',
      predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(activeKey),
    });

    const data = queryClient.getQueryData<ListData>(activeKey);
    const loaded = findConversation(data, summary.id);
    if (loaded && data) {
      const { conversation, complete } = withSummary(loaded, summary, lookups());
      const message = event.payload.message as { direction?: string; createdAt?: string } | undefined;
      if (event.type === 'message.created' && message?.direction === 'inbound' && message.createdAt) conversation.lastInboundAt = message.createdAt;
      const match = matchConversation(toMatchable(conversation), apiFilters, current);
      queryClient.setQueryData<ListData>(activeKey, (d) => (d ? replaceConversation(d, summary.id, match === 'no' ? null : conversation) : d));
      if (match !== 'no' && !complete) void fetchDetail(summary.id);
    } else if (data) {
      const match = matchConversation(summary, apiFilters, current);
      if (match !== 'no') refreshFirstPage();
    }
  };

  useRealtimeEvent(onEvent);
}

/** Seed 004: a conversation someone else (or the routing) gives me blinks until I open it. */
function trackAssignment(event: RealtimeEvent, assigneeId: number | null, meId: number, openId: number | null) {
  const id = event.conversationId;
  if (id === null) return;
  const previous = (event.payload.previous as { assigneeId?: number | null } | undefined) ?? undefined;
  const byMe = event.actor.type === 'user' && event.actor.id === meId;
  if (assigneeId === meId) {
    const newlyMine = previous ? 'assigneeId' in previous && previous.assigneeId !== meId : event.type === 'conversation.created' || event.type === 'conversation.assigned';
    if (newlyMine && !byMe && id !== openId) flagNewAssignment(meId, id);
  } else if (previous && 'assigneeId' in previous && previous.assigneeId === meId) {
    clearNewAssignment(meId, id);
  }
}
