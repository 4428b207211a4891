import type { TFunction } from 'i18next';
import type { AppNotification } from './notifications.api';

/** One line saying what happened, naming who did it when known. */
export function notificationTitle(t: TFunction, notification: AppNotification): string {
  const name = notification.actor.name?.trim();
  switch (notification.type) {
    case 'assigned':
      return name ? t('notifications.title.assignedBy', { name }) : t('notifications.title.assigned');
    case 'mentioned':
      return name ? t('notifications.title.mentionedBy', { name }) : t('notifications.title.mentioned');
    case 'new_message':
      return name ? t('notifications.title.newMessageFrom', { name }) : t('notifications.title.newMessage');
    default:
      return t('notifications.title.other');
  }
}
