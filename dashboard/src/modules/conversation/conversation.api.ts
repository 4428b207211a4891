import { api, API_BASE, ApiError } from '../../app/api-client';
import type { Conversation, ConversationPage, Priority } from '../inbox/conversations.api';

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

/** One entry of the timeline: a message (either direction), a private note or an activity entry. */
export interface Message {
  id: number;
  conversationId: number;
  kind: 'message' | 'note' | 'activity';
  direction: 'inbound' | 'outbound' | null;
  sender: { type: string; id: number | null };
  body: string;
  meta: Record<string, unknown>;
  externalId: string | null;
  deliveryStatus: DeliveryStatus | null;
  failureReason: string | null;
  attachments: Attachment[];
  deletedAt: string | null;
  createdAt: string;
}

export interface TimelinePage {
  items: Message[];
  nextBefore: number | null;
  nextAfter: number | null;
}

export interface Member {
  id: number;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: string;
  accessLevel: string;
  active: boolean;
  teamIds: number[];
  status?: 'online' | 'away' | 'busy' | 'offline';
}

export interface Team {
  id: number;
  name: string;
  memberIds: number[];
}

export interface Tag {
  id: number;
  name: string;
  color: string;
}

export interface ClosingCategory {
  id: number;
  name: string;
}

export interface Snippet {
  id: number;
  shortcut: string;
  title: string;
  body: string;
  scope: 'workspace' | 'personal';
  /** `resume_bot`: once the message it was inserted into is sent, the composer resumes the bot. */
  action: 'resume_bot' | null;
  createdBy: { id: number; name: string } | null;
  updatedAt: string;
}

export type SnoozeInput = { kind: 'until_reply' } | { kind: 'tomorrow' } | { kind: 'next_week' } | { kind: 'until'; until: string };

/** Query keys of this module. The timeline lives under `conversations` so invalidating `conversationKeys.all` refreshes it too. */
export const paneKeys = {
  timeline: (id: number) => ['conversations', 'timeline', id] as const,
  history: (contactId: number) => ['conversations', 'history', contactId] as const,
  members: ['conversation', 'members'] as const,
  teams: ['conversation', 'teams'] as const,
  tags: ['conversation', 'tags'] as const,
  closingCategories: ['conversation', 'closing-categories'] as const,
  snippets: (q: string) => ['conversation', 'snippets', q] as const,
};

export const TIMELINE_PAGE_SIZE = 50;

export const getTimeline = (conversationId: number, before: number | undefined, signal?: AbortSignal) =>
  api<TimelinePage>(`/conversations/${conversationId}/messages`, { query: { before, limit: TIMELINE_PAGE_SIZE }, signal });

/** I am typing a reply (or stopped): the customer on web chat and teammates see it; nothing is stored. */
export const sendTyping = (conversationId: number, typing: boolean) =>
  api<{ ok: true }>(`/conversations/${conversationId}/typing`, { method: 'POST', body: { typing } });

export const sendReply = (conversationId: number, body: string, attachmentIds: number[]) =>
  api<Message>(`/conversations/${conversationId}/messages`, { body: { body, ...(attachmentIds.length ? { attachmentIds } : {}) } });

export const addNote = (conversationId: number, body: string, mentions: number[]) =>
  api<Message>(`/conversations/${conversationId}/notes`, { body: { body, ...(mentions.length ? { mentions } : {}) } });

export const deleteMessage = (messageId: number) => api<{ id: number; deletedAt: string }>(`/messages/${messageId}`, { method: 'DELETE' });

export const retryMessage = (messageId: number) => api<Message>(`/messages/${messageId}/retry`, { method: 'POST' });

/** Earlier (and other) conversations of a contact, newest first. */
export const listContactConversations = (contactId: number, signal?: AbortSignal) =>
  api<ConversationPage>('/conversations', { query: { contactId, limit: 50 }, signal });

export const listMembers = async (signal?: AbortSignal) => (await api<{ items: Member[] }>('/users', { query: { limit: 200 }, signal })).items;
export const listTeams = async (signal?: AbortSignal) => (await api<{ items: Team[] }>('/teams', { query: { limit: 500 }, signal })).items;
export const listTags = async (signal?: AbortSignal) => (await api<{ items: Tag[] }>('/tags', { query: { limit: 500 }, signal })).items;
export const listClosingCategories = async (signal?: AbortSignal) =>
  (await api<{ items: ClosingCategory[] }>('/closing-categories', { query: { limit: 500 }, signal })).items;
export const listSnippets = async (q: string, signal?: AbortSignal) => (await api<{ items: Snippet[] }>('/snippets', { query: { q }, signal })).items;
export const renderSnippet = async (conversationId: number, snippetId: number) =>
  (await api<{ body: string }>(`/conversations/${conversationId}/snippets/${snippetId}/render`, { method: 'POST' })).body;

/** The conversation actions of the action bar; each answers the updated conversation. */
export const conversationActions = {
  take: (id: number) => api<Conversation>(`/conversations/${id}/take`, { method: 'POST' }),
  return: (id: number) => api<Conversation>(`/conversations/${id}/return`, { method: 'POST' }),
  assign: (id: number, input: { assigneeId?: number | null; teamId?: number | null; reason?: string }) =>
    api<Conversation>(`/conversations/${id}/assign`, { body: input }),
  snooze: (id: number, input: SnoozeInput) => api<Conversation>(`/conversations/${id}/snooze`, { body: input }),
  close: (id: number, input: { category?: string; summary?: string }) => api<Conversation>(`/conversations/${id}/close`, { body: input }),
  reopen: (id: number) => api<Conversation>(`/conversations/${id}/reopen`, { method: 'POST' }),
  bot: (id: number, active: boolean) => api<Conversation>(`/conversations/${id}/bot`, { body: { active } }),
  priority: (id: number, priority: Priority) => api<Conversation>(`/conversations/${id}/priority`, { body: { priority } }),
  tags: (id: number, change: { add?: string[]; remove?: string[] }) => api<Conversation>(`/conversations/${id}/tags`, { body: change }),
  transcript: (id: number, to?: string) => api<{ to: string }>(`/conversations/${id}/transcript`, { body: to ? { to } : {} }),
};

/** Uploads one file (multipart, field `file`); `api()` speaks JSON only. */
export async function uploadAttachment(file: File, signal?: AbortSignal): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/attachments`, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText);
  }
  return data as Attachment;
}
