// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SocketLike } from '../../app/realtime/realtime-connection';
import { RealtimeProvider } from '../../app/realtime/realtime-provider';
import { defaultPreferences, profileKey } from '../profile/profile.api';
import { fakeApi, renderWithApp } from '../settings/test-kit';
import { NotificationBell } from './notification-bell';
import type { AppNotification } from './notifications.api';

/** The browser's WebSocket, played by the test as the server. */
class FakeSocket implements SocketLike {
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  send() {}
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    act(() => this.onopen?.({}));
  }
  push(frame: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(frame) }));
  }
}

/** The browser's Notification API (permission granted), recording what the page shows. */
class FakeBrowserNotification {
  static permission: NotificationPermission = 'granted';
  static shown: Array<{ title: string; body?: string; tag?: string }> = [];
  static requestPermission = async () => FakeBrowserNotification.permission;
  onclick: (() => void) | null = null;
  constructor(title: string, options: NotificationOptions = {}) {
    FakeBrowserNotification.shown.push({ title, body: options.body, tag: options.tag });
  }
  close() {}
}

const notification = (id: number, over: Partial<AppNotification> = {}): AppNotification => ({
  id,
  type: 'assigned',
  conversationId: 40 + id,
  messageId: null,
  actor: { type: 'user', id: 2, name: 'Bruno Díaz' },
  preview: `Consulta ${id}`,
  createdAt: new Date().toISOString(),
  readAt: null,
  ...over,
});

function server(items: AppNotification[]) {
  let list = [...items];
  const unread = () => list.filter((n) => n.readAt === null).length;
  const api = fakeApi({
    'GET /profile': () => ({
      body: { user: { id: 1, email: 'ana@optica.example', name: 'Ana Pérez', avatarUrl: null, language: 'es', status: 'online', notificationPreferences: defaultPreferences } },
    }),
    'GET /notifications': (req) => ({
      body: { items: req.query.get('unread') === 'true' ? list.filter((n) => n.readAt === null) : list, nextCursor: null, unreadCount: unread() },
    }),
    'POST /notifications/read': (req) => {
      const { ids, all } = req.body as { ids?: number[]; all?: boolean };
      list = list.map((n) => (all || ids?.includes(n.id) ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n));
      return { body: { unreadCount: unread() } };
    },
  });
  /** The server marks some read without this tab asking (another tab, an opened conversation). */
  const readElsewhere = (ids: number[]) => {
    list = list.map((n) => (ids.includes(n.id) ? { ...n, readAt: '2025-03-10T10:00:00.000Z' } : n));
  };
  /** A notification the server just created (its event follows). */
  const create = (n: AppNotification) => {
    list = [n, ...list];
  };
  return { ...api, readElsewhere, create };
}

const renderBell = () =>
  renderWithApp(
    <RealtimeProvider socketFactory={() => new FakeSocket()} url="ws://test/api/v1/realtime">
      <NotificationBell />
    </RealtimeProvider>,
  );

const badge = () => screen.getByTestId('notification-bell').getAttribute('aria-label');

beforeEach(() => {
  FakeBrowserNotification.shown = [];
  vi.stubGlobal('Notification', FakeBrowserNotification);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  Object.defineProperty(document, 'hidden', { value: false, configurable: true });
});

describe('notification bell', () => {
  it('shows the unread count, lists what happened and marks everything read', async () => {
    const api = server([notification(2, { type: 'mentioned' }), notification(1, { readAt: '2025-01-01T00:00:00.000Z' })]);
    const user = userEvent.setup({ delay: null });
    renderBell();
    await waitFor(() => expect(badge()).toBe('Notificaciones: 1 sin leer'));
    expect(document.title).toBe('(1) Atiende');
    await user.click(screen.getByTestId('notification-bell'));
    const list = await screen.findByTestId('notification-list');
    const items = within(list).getAllByTestId('notification-item');
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining('Bruno Díaz te mencionó en una nota'), expect.stringContaining('Bruno Díaz te asignó una conversación')]);
    expect(items[0]!.querySelector('a')!.getAttribute('href')).toBe('/conversations/42');
    expect(items[0]!.hasAttribute('data-unread')).toBe(true);
    expect(items[1]!.hasAttribute('data-unread')).toBe(false);

    await user.click(within(list).getByRole('button', { name: 'Marcar todas como leídas', hidden: true }));
    await waitFor(() => expect(badge()).toBe('Notificaciones: 0 sin leer'));
    expect(document.title).toBe('Atiende');
    expect(api.writes().map((r) => r.body)).toEqual([{ all: true }]);
    expect(within(list).getAllByTestId('notification-item').some((i) => i.hasAttribute('data-unread'))).toBe(false);
  });

  it('adds a live notification once, and tells the browser when the tab is in the background', async () => {
    const api = server([]);
    const { queryClient } = renderBell();
    await waitFor(() => expect(badge()).toBe('Notificaciones: 0 sin leer'));
    const socket = FakeSocket.last!;
    socket.open();
    socket.push({ type: 'ready', lastEventId: 10 });
    // The preferences (profile) are known before the event arrives.
    await waitFor(() => expect(queryClient.getQueryData(profileKey)).toBeTruthy());

    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    const live = notification(7, { type: 'new_message', actor: { type: 'contact', id: 9, name: 'Luis Gómez' }, preview: '¿Tienen lentes de contacto?' });
    api.create(live);
    const frame = { type: 'event', event: { id: 11, type: 'notification.created', conversationId: null, teamId: null, assigneeId: null, actor: { type: 'system', id: null }, payload: { notification: live }, createdAt: live.createdAt } };
    socket.push(frame);
    await waitFor(() => expect(badge()).toBe('Notificaciones: 1 sin leer'));
    expect(FakeBrowserNotification.shown).toEqual([{ title: 'Mensaje nuevo de Luis Gómez', body: '¿Tienen lentes de contacto?', tag: 'atiende-notification-7' }]);

    // The same notification again (a replay under another event id) changes nothing.
    socket.push({ ...frame, event: { ...frame.event, id: 12 } });
    await new Promise((r) => setTimeout(r, 20));
    expect(badge()).toBe('Notificaciones: 1 sin leer');
    expect(FakeBrowserNotification.shown).toHaveLength(1);

    // Old news replayed after a long disconnection joins the list quietly.
    const old = notification(8, { createdAt: new Date(Date.now() - 60 * 60_000).toISOString() });
    api.create(old);
    socket.push({ ...frame, event: { ...frame.event, id: 13, payload: { notification: old } } });
    await waitFor(() => expect(badge()).toBe('Notificaciones: 2 sin leer'));
    expect(FakeBrowserNotification.shown).toHaveLength(1);
  });

  it('keeps the browser quiet while the tab is in front', async () => {
    const api = server([]);
    const { queryClient } = renderBell();
    await waitFor(() => expect(badge()).toBe('Notificaciones: 0 sin leer'));
    const socket = FakeSocket.last!;
    socket.open();
    socket.push({ type: 'ready', lastEventId: 10 });
    await waitFor(() => expect(queryClient.getQueryData(profileKey)).toBeTruthy());
    api.create(notification(3));
    socket.push({ type: 'event', event: { id: 11, type: 'notification.created', conversationId: null, teamId: null, assigneeId: null, actor: { type: 'system', id: null }, payload: { notification: notification(3) }, createdAt: '' } });
    await waitFor(() => expect(badge()).toBe('Notificaciones: 1 sin leer'));
    expect(FakeBrowserNotification.shown).toEqual([]);
  });

  it('follows notifications read elsewhere (another tab, the conversation opened)', async () => {
    const api = server([notification(2), notification(1)]);
    const user = userEvent.setup({ delay: null });
    const { queryClient } = renderBell();
    await waitFor(() => expect(badge()).toBe('Notificaciones: 2 sin leer'));
    const socket = FakeSocket.last!;
    socket.open();
    socket.push({ type: 'ready', lastEventId: 10 });
    // Nothing is being fetched: only the event can change the bell.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    api.readElsewhere([2]);
    socket.push({
      type: 'event',
      event: { id: 11, type: 'notification.read', conversationId: null, teamId: null, assigneeId: null, actor: { type: 'user', id: 1 }, payload: { userId: 1, ids: [2], unreadCount: 1 }, createdAt: '2025-03-10T10:00:00.000Z' },
    });
    await waitFor(() => expect(badge()).toBe('Notificaciones: 1 sin leer'));
    await user.click(screen.getByTestId('notification-bell'));
    const items = within(await screen.findByTestId('notification-list')).getAllByTestId('notification-item');
    expect(items.map((i) => i.hasAttribute('data-unread'))).toEqual([false, true]);
  });
});
