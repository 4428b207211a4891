import { api } from '../../app/api-client';

export const conversationStatuses = ['open', 'queued', 'bot', 'snoozed', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export type Priority = 'none' | 'low' | 'medium' | 'high' | 'urgent';

export interface ConversationListItem {
  id: number;
  status: ConversationStatus;
  contact: { id: number; name: string; phone: string | null };
  channel: { id: number; type: string; name: string };
  team: { id: number; name: string } | null;
  assignee: { id: number; name: string } | null;
  lastMessagePreview: string;
  lastActivityAt: string;
  unreadCount: number;
  tags: string[];
  priority: Priority;
}

export interface ConversationPage {
  items: ConversationListItem[];
  nextCursor: string | null;
}

export interface ConversationFilters {
  status?: ConversationStatus;
}

export const listConversations = (filters: ConversationFilters, cursor: string | null, signal?: AbortSignal) =>
  api<ConversationPage>('/conversations', { query: { ...filters, cursor }, signal });
