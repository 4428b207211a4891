import type { NotificationPreferences } from '../profile/profile.api';
import type { AppNotification } from './notifications.api';

export type BrowserPermission = NotificationPermission | 'unsupported';

export interface AlertEnvironment {
  /** The tab is in the background (document.hidden). */
  hidden: boolean;
  permission: BrowserPermission;
  /** The conversation open on screen, if any. */
  openConversationId?: number | null;
}

/**
 * Which optional alerts a live notification gets, per the person's preferences for its type: a browser
 * notification only when the tab is in the background and the browser allows it (in front, the bell shows it),
 * a sound whenever they asked for one. Already-read notifications (read in another tab) and news about the
 * conversation the person is looking at get neither.
 */
export function alertPlan(notification: AppNotification, preferences: NotificationPreferences | undefined, env: AlertEnvironment) {
  const pref = preferences?.[notification.type];
  const inView = !env.hidden && env.openConversationId === notification.conversationId;
  if (!pref || notification.readAt !== null || inView) return { browser: false, sound: false };
  return {
    browser: pref.browser && env.hidden && env.permission === 'granted',
    sound: pref.sound,
  };
}
