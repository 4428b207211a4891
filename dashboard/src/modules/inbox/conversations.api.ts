import { api } from '../../app/api-client';

export const conversationStatuses = ['open', 'queued', 'bot', 'snoozed', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** GET /conversations/:id, and each item of GET /conversations. */
export interface Conversation {
  id: number;
  status: ConversationStatus;
  priority: Priority;
  tags: string[];
  botActive: boolean;
  contact: { id: number; name: string; phone: string | null; email: string | null; documentNumber: string | null };
  channel: { id: number; type: string; name: string };
  team: { id: number; name: string } | null;
  assignee: { id: number; name: string; avatarUrl: string | null } | null;
  snooze: { mode: string | null; until: string | null } | null;
  closingNote: { category: string | null; summary: string | null } | null;
  closedAt: string | null;
  firstReplyAt: string | null;
  lastInboundAt: string | null;
  lastActivityAt: string;
  lastMessagePreview: string;
  unreadCount: number;
  queuedAt?: string | null;
  assignedAt?: string | null;
  /** Its place in its team's queue (1 is next), when read alone and waiting. */
  queuePosition?: number | null;
  createdAt: string;
}

/** The part of a conversation every conversation event carries (`payload.conversation`). */
export interface ConversationSummary {
  id: number;
  status: ConversationStatus;
  assigneeId: number | null;
  teamId: number | null;
  priority: Priority;
  tags: string[];
  botActive: boolean;
  unreadCount: number;
  lastActivityAt: string;
  lastMessagePreview: string;
}

export interface ConversationPage {
  items: Conversation[];
  nextCursor: string | null;
}

/** Query parameters of GET /conversations (all strings, as they travel in the URL). */
export interface ConversationFilters {
  status?: string;
  assigneeId?: string;
  teamId?: string;
  channelId?: string;
  contactId?: string;
  tag?: string;
  priority?: string;
  mentioned?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface ConversationCounts {
  mine: number;
  unassigned: number;
  mentions: number;
  bot: number;
  snoozed: number;
  all: number;
  teams: Array<{ id: number; count: number }>;
  channels: Array<{ id: number; count: number }>;
  tags: Array<{ tag: string; count: number }>;
}

/** TanStack Query keys of everything conversation-shaped; invalidate `conversationKeys.all` to refresh them all. */
export const conversationKeys = {
  all: ['conversations'] as const,
  lists: () => ['conversations', 'list'] as const,
  list: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
  counts: () => ['conversations', 'counts'] as const,
  details: () => ['conversations', 'detail'] as const,
  detail: (id: number) => ['conversations', 'detail', id] as const,
};

export const listConversations = (filters: ConversationFilters, cursor: string | null, signal?: AbortSignal, limit = 30) =>
  api<ConversationPage>('/conversations', { query: { ...filters, cursor, limit }, signal });

export const getConversation = (id: number, signal?: AbortSignal) => api<Conversation>(`/conversations/${id}`, { signal });

export const getConversationCounts = (signal?: AbortSignal) => api<ConversationCounts>('/conversations/counts', { signal });

export const markConversationRead = (id: number) => api<unknown>(`/conversations/${id}/read`, { method: 'POST' });
