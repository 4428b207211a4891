import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { useProfile } from '../profile/profile.api';
import { alertPlan } from './alert-plan';
import { playBeep } from './beep';
import { browserPermission, showBrowserNotification } from './browser-notifications';
import { notificationTitle } from './notification-text';
import {
  addNotification,
  applyRead,
  notificationKeys,
  unreadIdsOfConversation,
  useMarkNotificationsRead,
  type AppNotification,
  type NotificationPages,
} from './notifications.api';

/** Notifications older than this (replayed after a long disconnection) join the list without sound or popup. */
export const ALERT_MAX_AGE_MS = 10 * 60_000;

/**
 * Live notifications: each `notification.created` goes into the bell's lists at once and, as the person's
 * preferences allow, into a browser notification (tab in the background) and a short sound; `notification.read`
 * (another tab, or the conversation opened) marks them read here too.
 */
export function useNotificationAlerts() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const openConversationId = useOpenConversationId();
  const { data: profile } = useProfile();
  const preferences = profile?.notificationPreferences;
  const alerted = useRef(new Set<number>());

  // A list request already on its way may have been answered before this event: it would put back what the
  // event just changed, so a fresh request replaces it.
  const refetchIfStale = () => {
    if (queryClient.isFetching({ queryKey: notificationKeys.all }) > 0) void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  };

  useRealtimeEvent((event) => {
    if (event.type === 'notification.read') {
      // Read in another tab, or by opening the conversation (the server reads its notifications).
      const { ids, unreadCount } = event.payload as { ids?: number[]; unreadCount?: number };
      if (!Array.isArray(ids) || typeof unreadCount !== 'number') return;
      queryClient.setQueriesData<NotificationPages>({ queryKey: notificationKeys.all }, (data) => applyRead(data, ids, unreadCount, event.createdAt || new Date().toISOString()));
      refetchIfStale();
      return;
    }
    if (event.type !== 'notification.created') return;
    const notification = (event.payload as { notification?: AppNotification } | undefined)?.notification;
    if (!notification) return;
    queryClient.setQueriesData<NotificationPages>({ queryKey: notificationKeys.all }, (data) => addNotification(data, notification));
    refetchIfStale();
    // Once per notification in this tab (a replayed event stays quiet), and not for old news replayed after a long disconnection.
    if (alerted.current.has(notification.id) || Date.now() - Date.parse(notification.createdAt) > ALERT_MAX_AGE_MS) return;
    alerted.current.add(notification.id);
    const plan = alertPlan(notification, preferences, { hidden: document.hidden, permission: browserPermission(), openConversationId });
    if (plan.sound) playBeep();
    if (plan.browser) {
      showBrowserNotification({
        title: notificationTitle(t, notification),
        body: notification.preview,
        tag: `atiende-notification-${notification.id}`,
        onClick: () => navigate(`/conversations/${notification.conversationId}`),
      });
    }
  });
}

function useOpenConversationId(): number | null {
  const { pathname } = useLocation();
  const id = Number(/^\/conversations\/(\d+)/.exec(pathname)?.[1]);
  return Number.isFinite(id) ? id : null;
}

/** Opening a conversation reads the bell's notifications about it (among those loaded in `list`). */
export function useReadNotificationsOfOpenConversation(list: NotificationPages | undefined) {
  const conversationId = useOpenConversationId();
  const markRead = useMarkNotificationsRead();
  const ids = conversationId === null ? [] : unreadIdsOfConversation(list, conversationId);
  const key = ids.join(',');
  const { mutate } = markRead;
  useEffect(() => {
    if (key) mutate(key.split(',').map(Number));
  }, [key, mutate]);
}
