import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { NotificationType } from '../profile/profile.api';

/** One entry of the bell (GET /notifications). */
export interface AppNotification {
  id: number;
  type: NotificationType;
  conversationId: number;
  messageId: number | null;
  actor: { type: string; id: number | null; name: string | null };
  preview: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

export type NotificationPages = InfiniteData<NotificationPage, unknown>;
export type NotificationFilter = 'all' | 'unread';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (filter: NotificationFilter) => ['notifications', 'list', filter] as const,
};

const PAGE_SIZE = 20;

/** The bell's list, newest first; the first page of `all` also carries the unread count for the badge. */
export function useNotificationList(filter: NotificationFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api<NotificationPage>('/notifications', { query: { unread: filter === 'unread' ? 'true' : undefined, cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    staleTime: 30_000,
  });
}

/** Adds a notification that arrived live; a notification already listed (a replayed event) changes nothing. */
export function addNotification(data: NotificationPages | undefined, notification: AppNotification): NotificationPages | undefined {
  if (!data || data.pages.length === 0) return data;
  if (data.pages.some((page) => page.items.some((n) => n.id === notification.id))) return data;
  const unread = notification.readAt === null ? 1 : 0;
  return {
    ...data,
    pages: data.pages.map((page, i) => ({
      ...page,
      items: i === 0 ? [notification, ...page.items] : page.items,
      unreadCount: page.unreadCount + unread,
    })),
  };
}

/**
 * Marks the given notifications (or all) read in a cached list and takes the server's unread count. Read ones stay
 * in the "unread" list until it is reloaded, so what the person just clicked does not jump away under the pointer.
 */
export function applyRead(data: NotificationPages | undefined, ids: number[] | 'all', unreadCount: number, readAt: string): NotificationPages | undefined {
  if (!data) return data;
  const hit = (n: AppNotification) => n.readAt === null && (ids === 'all' || ids.includes(n.id));
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, unreadCount, items: page.items.map((n) => (hit(n) ? { ...n, readAt } : n)) })),
  };
}

export const unreadCountOf = (data: NotificationPages | undefined) => data?.pages[0]?.unreadCount ?? 0;

/** Unread notifications about one conversation among those loaded. */
export function unreadIdsOfConversation(data: NotificationPages | undefined, conversationId: number): number[] {
  return (data?.pages ?? []).flatMap((page) => page.items.filter((n) => n.readAt === null && n.conversationId === conversationId).map((n) => n.id));
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: number[] | 'all') =>
      api<{ unreadCount: number }>('/notifications/read', { body: target === 'all' ? { all: true } : { ids: target } }),
    onSuccess: ({ unreadCount }, target) => {
      const readAt = new Date().toISOString();
      queryClient.setQueriesData<NotificationPages>({ queryKey: notificationKeys.all }, (data) => applyRead(data, target, unreadCount, readAt));
    },
  });
}
