import type { InfiniteData } from '@tanstack/react-query';
import type { Conversation, ConversationPage, ConversationSummary } from './conversations.api';

/** The inbox list as TanStack Query caches it: keyset pages, newest activity first. */
export type ListData = InfiniteData<ConversationPage, string | null>;

/** The server's order: last activity, newest first, then id. */
export function compareConversations(a: Pick<Conversation, 'lastActivityAt' | 'id'>, b: Pick<Conversation, 'lastActivityAt' | 'id'>): number {
  return new Date(b.lastActivityAt).getTime() - new Date(a.lastActivityAt).getTime() || b.id - a.id;
}

/** Every loaded conversation once, in page order. */
export function flatten(data: ListData | undefined): Conversation[] {
  if (!data) return [];
  const seen = new Set<number>();
  const out: Conversation[] = [];
  for (const page of data.pages) {
    for (const c of page.items) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

export function findConversation(data: ListData | undefined, id: number): Conversation | undefined {
  for (const page of data?.pages ?? []) {
    const hit = page.items.find((c) => c.id === id);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Puts `items` (in any order) back into the pages, sorted, keeping each page's size and cursor: the
 * cursor of the last page still marks where the next fetch starts, so nothing is fetched twice.
 */
export function rechunk(data: ListData, items: Conversation[]): ListData {
  const sorted = [...items].sort(compareConversations);
  let offset = 0;
  const pages = data.pages.map((page, i) => {
    const size = i === data.pages.length - 1 ? sorted.length - offset : Math.min(page.items.length, sorted.length - offset);
    const chunk = sorted.slice(offset, offset + Math.max(0, size));
    offset += chunk.length;
    return { ...page, items: chunk };
  });
  return { ...data, pages };
}

/** Replaces (or, with `null`, removes) one loaded conversation and re-sorts: new activity moves it to the top. */
export function replaceConversation(data: ListData, id: number, next: Conversation | null): ListData {
  if (!findConversation(data, id)) return data;
  const items = flatten(data).filter((c) => c.id !== id);
  if (next) items.push(next);
  return rechunk(data, items);
}

/** Adds a conversation the list did not have, if it sorts within what is loaded (otherwise a later page brings it). */
export function insertConversation(data: ListData, conversation: Conversation): ListData {
  if (findConversation(data, conversation.id)) return replaceConversation(data, conversation.id, conversation);
  const items = flatten(data);
  const last = data.pages.at(-1);
  const lastItem = items.at(-1);
  if (last?.nextCursor && lastItem && compareConversations(conversation, lastItem) > 0) return data;
  return rechunk(data, [...items, conversation]);
}

/**
 * A fresh first page merged into the loaded list: it is the truth for everything it covers (new
 * conversations appear, ones that left the filter go); later loaded pages keep what lies after it.
 */
export function mergeFirstPage(data: ListData | undefined, fetched: ConversationPage): ListData {
  if (!data || data.pages.length <= 1 || fetched.nextCursor === null) {
    return { pages: [fetched], pageParams: [null] };
  }
  const boundary = fetched.items.at(-1);
  const fresh = new Set(fetched.items.map((c) => c.id));
  const rest = flatten(data).filter((c) => !fresh.has(c.id) && (!boundary || compareConversations(c, boundary) > 0));
  const later = rechunk({ pages: data.pages.slice(1), pageParams: data.pageParams.slice(1) }, rest);
  return { pages: [fetched, ...later.pages], pageParams: [null, ...later.pageParams] };
}

export interface Lookups {
  user(id: number): Conversation['assignee'] | undefined;
  team(id: number): Conversation['team'] | undefined;
}

/**
 * A loaded conversation updated from an event's `payload.conversation`. `complete` is false when the
 * new assignee or team is not one the page knows by name (then the caller fetches the conversation).
 */
export function withSummary(c: Conversation, s: ConversationSummary, lookups: Lookups): { conversation: Conversation; complete: boolean } {
  let complete = true;
  let assignee = c.assignee;
  if ((c.assignee?.id ?? null) !== s.assigneeId) {
    assignee = s.assigneeId === null ? null : (lookups.user(s.assigneeId) ?? null);
    if (s.assigneeId !== null && !assignee) complete = false;
  }
  let team = c.team;
  if ((c.team?.id ?? null) !== s.teamId) {
    team = s.teamId === null ? null : (lookups.team(s.teamId) ?? null);
    if (s.teamId !== null && !team) complete = false;
  }
  const statusChanged = c.status !== s.status;
  if (statusChanged && (s.status === 'snoozed' || c.status === 'snoozed' || s.status === 'closed')) complete = false;
  return {
    conversation: {
      ...c,
      status: s.status,
      assignee,
      team,
      priority: s.priority,
      tags: s.tags,
      botActive: s.botActive,
      unreadCount: s.unreadCount,
      lastActivityAt: s.lastActivityAt,
      lastMessagePreview: s.lastMessagePreview,
    },
    complete,
  };
}

/** The conversation summary an event carries, if it carries one. */
export function summaryOf(payload: Record<string, unknown>): ConversationSummary | null {
  const c = payload.conversation as Partial<ConversationSummary> | undefined;
  if (!c || typeof c !== 'object' || typeof c.id !== 'number' || typeof c.status !== 'string' || typeof c.lastActivityAt !== 'string') return null;
  return {
    id: c.id,
    status: c.status,
    assigneeId: c.assigneeId ?? null,
    teamId: c.teamId ?? null,
    priority: c.priority ?? 'none',
    tags: Array.isArray(c.tags) ? c.tags : [],
    botActive: Boolean(c.botActive),
    unreadCount: c.unreadCount ?? 0,
    lastActivityAt: c.lastActivityAt,
    lastMessagePreview: c.lastMessagePreview ?? '',
  };
}
