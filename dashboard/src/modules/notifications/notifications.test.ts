// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { defaultPreferences, type NotificationPreferences } from '../profile/profile.api';
import { alertPlan } from './alert-plan';
import { notificationTitle } from './notification-text';
import { addNotification, applyRead, unreadCountOf, unreadIdsOfConversation, type AppNotification, type NotificationPages } from './notifications.api';

const notification = (id: number, over: Partial<AppNotification> = {}): AppNotification => ({
  id,
  type: 'assigned',
  conversationId: 100 + id,
  messageId: null,
  actor: { type: 'user', id: 7, name: 'Ana Pérez' },
  preview: `preview ${id}`,
  createdAt: '2025-03-10T09:00:00.000Z',
  readAt: null,
  ...over,
});

const pages = (...lists: AppNotification[][]): NotificationPages => ({
  pages: lists.map((items, i) => ({ items, nextCursor: i < lists.length - 1 ? String(i + 1) : null, unreadCount: 3 })),
  pageParams: lists.map((_, i) => (i === 0 ? null : String(i))),
});

describe('notification cache', () => {
  it('adds a live notification on top and counts it unread', () => {
    const data = pages([notification(2), notification(1)], [notification(0)]);
    const next = addNotification(data, notification(3))!;
    expect(next.pages[0]!.items.map((n) => n.id)).toEqual([3, 2, 1]);
    expect(next.pages[1]!.items.map((n) => n.id)).toEqual([0]);
    expect(unreadCountOf(next)).toBe(4);
  });

  it('ignores a notification it already has (a replayed event), wherever it is', () => {
    const data = pages([notification(2)], [notification(1)]);
    expect(addNotification(data, notification(1))).toBe(data);
    expect(addNotification(data, notification(2))).toBe(data);
  });

  it('does not count an already read notification', () => {
    const data = pages([notification(1)]);
    expect(unreadCountOf(addNotification(data, notification(2, { readAt: '2025-03-10T10:00:00.000Z' })))).toBe(3);
  });

  it('leaves an unloaded list alone', () => {
    expect(addNotification(undefined, notification(1))).toBeUndefined();
  });

  it('marks some read, keeps them listed and takes the server count', () => {
    const data = pages([notification(3), notification(2)], [notification(1)]);
    const next = applyRead(data, [3, 1], 1, '2025-03-10T11:00:00.000Z')!;
    const all = next.pages.flatMap((p) => p.items);
    expect(all.map((n) => [n.id, n.readAt])).toEqual([
      [3, '2025-03-10T11:00:00.000Z'],
      [2, null],
      [1, '2025-03-10T11:00:00.000Z'],
    ]);
    expect(unreadCountOf(next)).toBe(1);
  });

  it('marks all read without touching the time of those read before', () => {
    const data = pages([notification(2), notification(1, { readAt: '2025-03-01T00:00:00.000Z' })]);
    const next = applyRead(data, 'all', 0, '2025-03-10T11:00:00.000Z')!;
    expect(next.pages[0]!.items.map((n) => n.readAt)).toEqual(['2025-03-10T11:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    expect(unreadCountOf(next)).toBe(0);
  });

  it('finds the unread notifications of one conversation', () => {
    const data = pages(
      [notification(3, { conversationId: 9 }), notification(2, { conversationId: 8 })],
      [notification(1, { conversationId: 9, readAt: '2025-03-01T00:00:00.000Z' }), notification(0, { conversationId: 9 })],
    );
    expect(unreadIdsOfConversation(data, 9)).toEqual([3, 0]);
    expect(unreadIdsOfConversation(data, 5)).toEqual([]);
    expect(unreadIdsOfConversation(undefined, 9)).toEqual([]);
  });
});

describe('alert plan', () => {
  const prefs = (over: Partial<NotificationPreferences> = {}): NotificationPreferences => ({ ...defaultPreferences, ...over });
  const env = { hidden: true, permission: 'granted' as const, openConversationId: null };

  it('notifies the browser only in the background and with permission', () => {
    expect(alertPlan(notification(1), prefs(), env)).toEqual({ browser: true, sound: true });
    expect(alertPlan(notification(1), prefs(), { ...env, hidden: false })).toEqual({ browser: false, sound: true });
    expect(alertPlan(notification(1), prefs(), { ...env, permission: 'default' })).toEqual({ browser: false, sound: true });
    expect(alertPlan(notification(1), prefs(), { ...env, permission: 'unsupported' })).toEqual({ browser: false, sound: true });
  });

  it('follows the preferences of the notification type', () => {
    const quietMentions = prefs({ mentioned: { inApp: true, browser: false, sound: false } });
    expect(alertPlan(notification(1, { type: 'mentioned' }), quietMentions, env)).toEqual({ browser: false, sound: false });
    expect(alertPlan(notification(1, { type: 'assigned' }), quietMentions, env)).toEqual({ browser: true, sound: true });
    const soundOnly = prefs({ new_message: { inApp: true, browser: false, sound: true } });
    expect(alertPlan(notification(1, { type: 'new_message' }), soundOnly, env)).toEqual({ browser: false, sound: true });
  });

  it('stays silent without preferences, for read notifications and for the conversation on screen', () => {
    expect(alertPlan(notification(1), undefined, env)).toEqual({ browser: false, sound: false });
    expect(alertPlan(notification(1, { readAt: '2025-03-10T10:00:00.000Z' }), prefs(), env)).toEqual({ browser: false, sound: false });
    const onScreen = { ...env, hidden: false, openConversationId: 101 };
    expect(alertPlan(notification(1), prefs(), onScreen)).toEqual({ browser: false, sound: false });
    // The same conversation open in a tab in the background still alerts.
    expect(alertPlan(notification(1), prefs(), { ...onScreen, hidden: true })).toEqual({ browser: true, sound: true });
  });
});

describe('notification title', () => {
  const es = i18n.getFixedT('es');
  const en = i18n.getFixedT('en');

  it('names who did it', () => {
    expect(notificationTitle(es, notification(1))).toBe('Ana Pérez te asignó una conversación');
    expect(notificationTitle(es, notification(1, { type: 'mentioned' }))).toBe('Ana Pérez te mencionó en una nota');
    expect(notificationTitle(en, notification(1, { type: 'new_message', actor: { type: 'contact', id: 4, name: 'Luis' } }))).toBe('New message from Luis');
  });

  it('reads well without a name (routing, unknown contacts)', () => {
    expect(notificationTitle(es, notification(1, { actor: { type: 'system', id: null, name: null } }))).toBe('Se te asignó una conversación');
    expect(notificationTitle(en, notification(1, { type: 'new_message', actor: { type: 'contact', id: 4, name: '  ' } }))).toBe('New message in your conversation');
  });
});
