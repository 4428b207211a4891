// @vitest-environment happy-dom
import '../../i18n/i18n';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { i18n } from '../../i18n/i18n';
import { meKey, type Me } from '../../app/auth';
import { RealtimeProvider } from '../../app/realtime/realtime-provider';
import type { SocketLike } from '../../app/realtime/realtime-connection';
import type { Conversation } from '../inbox/conversations.api';
import type { Message } from './conversation.api';
import { ConversationPane } from './conversation-pane';

// happy-dom has no FontFaceSet; Mantine's autosize textarea listens to it.
if (!document.fonts) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });

// happy-dom does no layout: give the timeline's scroll box a size, so the virtualiser renders rows in it.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
function fakeTimelineLayout() {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get(this: HTMLElement) { return this.dataset.testid === 'timeline' ? 700 : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get(this: HTMLElement) { return this.dataset.testid === 'timeline' ? 600 : 0; } });
}
function restoreLayout() {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth);
}

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
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }
  send(data: string) {
    const frame = JSON.parse(data) as { type: string };
    if (frame.type === 'subscribe') setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: 'ready', lastEventId: 0 }) }), 0);
  }
  close() {
    this.readyState = 3;
  }
  push(event: Record<string, unknown>) {
    act(() => this.onmessage?.({ data: JSON.stringify({ type: 'event', event }) }));
  }
}

const me: Me = {
  user: { id: 1, name: 'Yo Agente', email: 'yo@x.io', language: 'es' },
  workspace: { id: 1, name: 'Atiende', timezone: 'UTC', language: 'es' },
  role: 'agent',
  accessLevel: 'all',
  teamIds: [],
  workspaces: [{ id: 1, name: 'Atiende' }],
};

const now = Date.now();
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

const baseConversation: Conversation = {
  id: 41,
  status: 'queued',
  priority: 'none',
  tags: ['ventas'],
  botActive: false,
  contact: { id: 7, name: 'Carla Cliente', phone: '+584121234567', email: 'carla@x.io', documentNumber: null },
  channel: { id: 3, type: 'api', name: 'Web' },
  team: { id: 9, name: 'Soporte' },
  assignee: null,
  snooze: null,
  closingNote: null,
  closedAt: null,
  firstReplyAt: null,
  lastInboundAt: iso(5),
  lastActivityAt: iso(1),
  lastMessagePreview: 'Hola',
  unreadCount: 2,
  createdAt: iso(60),
};

const message = (id: number, over: Partial<Message>): Message => ({
  id,
  conversationId: 41,
  kind: 'message',
  direction: 'inbound',
  sender: { type: 'contact', id: 7 },
  body: '',
  meta: {},
  externalId: null,
  deliveryStatus: null,
  failureReason: null,
  attachments: [],
  deletedAt: null,
  createdAt: iso(10 - id),
  ...over,
});

const timeline: Message[] = [
  message(1, { body: 'Hola, *necesito* ayuda con mi pedido' }),
  message(2, { kind: 'activity', direction: null, sender: { type: 'user', id: 2 }, meta: { action: 'transferred', from: { assigneeId: null, teamId: null }, to: { assigneeId: null, teamId: 9 }, reason: null } }),
  message(3, { kind: 'note', direction: null, sender: { type: 'user', id: 2 }, body: 'Cliente frecuente', meta: { mentions: [] } }),
  message(4, { direction: 'outbound', sender: { type: 'user', id: 1 }, body: 'Ya lo reviso', deliveryStatus: 'failed', failureReason: 'número bloqueado' }),
];

function fakeApi(conversation: Conversation) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  let current = conversation;
  const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case 'GET /api/v1/conversations/41':
        return json(200, current);
      case 'GET /api/v1/conversations/41/messages':
        return json(200, { items: timeline, nextBefore: null, nextAfter: null });
      case 'GET /api/v1/conversations':
        return json(200, {
          items: [current, { ...current, id: 30, status: 'closed', closingNote: { category: 'Reclamo', summary: null }, lastMessagePreview: 'Gracias', createdAt: iso(60 * 24 * 40) }],
          nextCursor: null,
        });
      case 'POST /api/v1/conversations/41/read':
        return json(200, { ...current, unreadCount: 0 });
      case 'GET /api/v1/users':
        return json(200, {
          items: [
            { id: 1, email: 'yo@x.io', name: 'Yo Agente', avatarUrl: null, role: 'agent', accessLevel: 'all', active: true, teamIds: [9] },
            { id: 2, email: 'ana@x.io', name: 'Ana Pérez', avatarUrl: null, role: 'supervisor', accessLevel: 'all', active: true, teamIds: [9] },
          ],
          nextCursor: null,
        });
      case 'GET /api/v1/teams':
        return json(200, { items: [{ id: 9, name: 'Soporte', description: '', memberIds: [1, 2], createdAt: iso(9999) }], nextCursor: null });
      case 'GET /api/v1/tags':
        return json(200, { items: [{ id: 1, name: 'ventas', color: '#1c7ed6', createdAt: iso(9999) }], nextCursor: null });
      case 'GET /api/v1/closing-categories':
        return json(200, { items: [{ id: 1, name: 'Resuelto', createdAt: iso(9999) }], nextCursor: null });
      case 'GET /api/v1/contact-fields':
        return json(200, { items: [] });
      case 'GET /api/v1/contacts/7':
        return json(200, { ...current.contact, language: 'es', customFields: {}, tags: [], createdAt: iso(9999), updatedAt: iso(9999), identities: [] });
      case 'POST /api/v1/conversations/41/take':
        current = { ...current, status: 'open', assignee: { id: 1, name: 'Yo Agente', avatarUrl: null } };
        return json(200, current);
      case 'POST /api/v1/conversations/41/close':
        current = { ...current, status: 'closed', closedAt: new Date().toISOString(), closingNote: { category: body.category ?? null, summary: body.summary ?? null } };
        return json(200, current);
      case 'POST /api/v1/messages/4/retry':
        return json(201, message(5, { direction: 'outbound', sender: { type: 'user', id: 1 }, body: 'Ya lo reviso', deliveryStatus: 'queued', createdAt: new Date().toISOString() }));
    }
    return json(404, { error: { code: 'not_found', message: `no fake for ${route}` } });
  });
  return { fetch, calls };
}

let api: ReturnType<typeof fakeApi>;

function renderPane(conversation = baseConversation) {
  api = fakeApi(conversation);
  vi.stubGlobal('fetch', api.fetch);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKey, me);
  const router = createMemoryRouter([{ path: '/conversations/:conversationId', element: <ConversationPane /> }], { initialEntries: ['/conversations/41'] });
  render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <RealtimeProvider socketFactory={() => new FakeSocket()} url="ws://test/api/v1/realtime">
          <div style={{ height: 800 }}>
            <RouterProvider router={router} />
          </div>
        </RealtimeProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { router, queryClient };
}

const count = (method: string, path: string) => api.calls.filter((c) => c.method === method && c.path.startsWith(path)).length;

beforeEach(async () => {
  fakeTimelineLayout();
  localStorage.clear();
  await i18n.changeLanguage('es');
});

afterEach(() => {
  cleanup();
  restoreLayout();
  vi.unstubAllGlobals();
  FakeSocket.last = null;
});

describe('ConversationPane', () => {
  it('shows the conversation, its timeline with notes, activity and delivery problems, and marks it read', async () => {
    renderPane();
    expect(await screen.findByTestId('conversation-contact-name')).toHaveProperty('textContent', 'Carla Cliente');
    const log = await screen.findByRole('log');
    await within(log).findByText('Cliente frecuente');
    // Chat markup is rendered as elements, the rest as text.
    expect(within(log).getByText('necesito').tagName).toBe('STRONG');
    expect(within(log).getByText('Nota privada de Ana Pérez')).toBeTruthy();
    await within(log).findByText('Ana Pérez transfirió la conversación a la cola de Soporte', { exact: false });
    expect(within(log).getByText('No se pudo entregar: número bloqueado')).toBeTruthy();
    await waitFor(() => expect(count('POST', '/api/v1/conversations/41/read')).toBe(1));
    expect(screen.getByTestId('conversation-status').textContent).toBe('En cola');
  });

  it('appends live messages once, without refetching the timeline', async () => {
    const { queryClient } = renderPane();
    const log = await screen.findByRole('log');
    await within(log).findByText('Cliente frecuente');
    await waitFor(() => expect(FakeSocket.last?.readyState).toBe(1));
    // A fresh stream refetches what was loaded before it was live (the provider's rule); count from there.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    const loads = count('GET', '/api/v1/conversations/41/messages');
    const created = {
      id: 101,
      type: 'message.created',
      conversationId: 41,
      teamId: 9,
      assigneeId: null,
      actor: { type: 'contact', id: 7 },
      payload: {
        message: message(6, { body: '¿Siguen ahí?', createdAt: new Date().toISOString() }),
        conversation: { id: 41, status: 'queued', assigneeId: null, teamId: 9, priority: 'none', tags: ['ventas'], botActive: false, unreadCount: 1, lastActivityAt: new Date().toISOString(), lastMessagePreview: '¿Siguen ahí?' },
      },
      createdAt: new Date().toISOString(),
    };
    await waitFor(() => {
      FakeSocket.last!.push(created);
      expect(within(log).queryByText('¿Siguen ahí?')).not.toBeNull();
    });
    // The same message again (another event carrying it) shows once.
    FakeSocket.last!.push({ ...created, id: 102 });
    expect(within(log).getAllByText('¿Siguen ahí?')).toHaveLength(1);
    // A deletion empties the entry where it is.
    FakeSocket.last!.push({ ...created, id: 103, type: 'message.deleted', payload: { messageId: 3 } });
    await within(log).findByText('Esta nota fue eliminada.');
    expect(count('GET', '/api/v1/conversations/41/messages')).toBe(loads);
  });

  it('retries a failed reply', async () => {
    const user = userEvent.setup();
    renderPane();
    const log = await screen.findByRole('log');
    await user.click(await within(log).findByRole('button', { name: 'Reintentar' }));
    await waitFor(() => expect(count('POST', '/api/v1/messages/4/retry')).toBe(1));
    await within(log).findByText('Se reenvió');
    await waitFor(() => expect(within(log).getAllByText('Ya lo reviso')).toHaveLength(2));
    expect(log.querySelector('[data-message-id="5"] [data-delivery]')?.getAttribute('data-delivery')).toBe('queued');
    // The receipt of the new copy moves its ticks forward.
    await waitFor(() => expect(FakeSocket.last?.readyState).toBe(1));
    FakeSocket.last!.push({ id: 200, type: 'message.status_changed', conversationId: 41, teamId: 9, assigneeId: null, actor: { type: 'system', id: null }, payload: { messageId: 5, status: 'delivered', failureReason: null }, createdAt: new Date().toISOString() });
    await waitFor(() => expect(log.querySelector('[data-message-id="5"] [data-delivery]')?.getAttribute('data-delivery')).toBe('delivered'));
  });

  it('takes with T and closes with a closing note from C', async () => {
    const user = userEvent.setup();
    renderPane();
    await screen.findByTestId('action-take');
    await user.keyboard('t');
    await waitFor(() => expect(count('POST', '/api/v1/conversations/41/take')).toBe(1));
    await waitFor(() => expect(screen.getByTestId('conversation-assignee').textContent).toContain('Asignada a ti'));

    await user.keyboard('c');
    const dialog = await screen.findByRole('dialog', { name: 'Cerrar la conversación' });
    await user.type(within(dialog).getByTestId('close-summary'), 'Se cambió el pedido');
    await user.click(within(dialog).getByTestId('close-submit'));
    await waitFor(() => expect(count('POST', '/api/v1/conversations/41/close')).toBe(1));
    expect(api.calls.find((c) => c.path === '/api/v1/conversations/41/close')!.body).toEqual({ summary: 'Se cambió el pedido' });
    await waitFor(() => expect(screen.getByTestId('composer-closed')).toBeTruthy());
  });

  it('lists the earlier conversations of the contact and opens one in the pane', async () => {
    const user = userEvent.setup();
    const { router } = renderPane();
    const button = await screen.findByTestId('earlier-conversations');
    await waitFor(() => expect(button.textContent).toContain('1 anterior'));
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    // Mantine hides a popover whose target it cannot place; happy-dom places nothing, so look past that.
    await user.click(await screen.findByRole('button', { name: 'Abrir la conversación #30', hidden: true }));
    expect(router.state.location.pathname).toBe('/conversations/30');
    expect(router.state.location.state).toEqual({ returnTo: 41 });
  });
});
