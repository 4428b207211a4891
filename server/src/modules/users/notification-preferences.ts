import type { StoredNotificationPreferences } from '../workspaces/workspaces.tables.js';

export const notificationTypes = ['assigned', 'mentioned', 'new_message'] as const;
export type NotificationType = (typeof notificationTypes)[number];
export const preferenceChannels = ['inApp', 'browser', 'sound'] as const;
export type Pref = Record<(typeof preferenceChannels)[number], boolean>;
export type NotificationPreferences = Record<NotificationType, Pref>;
export type NotificationPreferencesPatch = Partial<Record<NotificationType, Partial<Pref>>>;

/**
 * What a member gets for each kind of notification. Only choices are stored; whatever was never chosen
 * is on, so a kind added later reaches everyone until they turn it off.
 */
export function resolvePreferences(stored: StoredNotificationPreferences | null | undefined): NotificationPreferences {
  const out = {} as NotificationPreferences;
  for (const type of notificationTypes) {
    const s = stored?.[type] ?? {};
    out[type] = { inApp: s.inApp !== false, browser: s.browser !== false, sound: s.sound !== false };
  }
  return out;
}

/** The stored choices with a partial change applied on top (unknown kinds and channels are dropped). */
export function mergePreferences(stored: StoredNotificationPreferences | null | undefined, patch: NotificationPreferencesPatch): NotificationPreferences {
  const current = resolvePreferences(stored);
  for (const type of notificationTypes) {
    const change = patch[type];
    if (!change) continue;
    for (const channel of preferenceChannels) if (typeof change[channel] === 'boolean') current[type][channel] = change[channel]!;
  }
  return current;
}
