// @vitest-environment happy-dom
import '../../i18n/i18n';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import { meKey, type Me } from '../../app/auth';
import type { SocketLike } from '../../app/realtime/realtime-connection';
import { RealtimeProvider, type RealtimeEvent } from '../../app/realtime/realtime-provider';
import { i18n } from '../../i18n/i18n';
import type { Conversation } from './conversations.api';
import { InboxPage } from './inbox-page';
import { NoConversationSelected } from './no-conversation-selected';

// The machine running the tests may be busy: give each wait a few seconds, not one.

const me: Me = {
  user: { id: 7, name: 'Ana Pérez', email: 'ana@optica.example', language: 'es' },
  workspace: { id: 1, name: 'Óptica Caracas', timezone: 'America/Caracas', language: 'es' },
  role: 'agent',
  accessLevel: 'all',
  teamIds: [2],
  workspaces: [{ id: 1, name: 'Óptica Caracas' }],
};

let clock = Date.parse('2025-03-10T12:00:00.000Z');
const at = (minutesAgo: number) => new Date(clock - minutesAgo * 60_000).toISOString();

function conversation(id: number, over: Partial<Conversation> = {}): Conversation {
  return {
    id,
    status: 'open',
    priority: 'none',
    tags: [],
    botActive: false,
    contact: { id: 100 + id, name: `Cliente ${id}`, phone: `+58412000000${id}`, email: null, documentNumber: null },
    channel: { id: 4, type: 'whatsapp', name: 'WhatsApp Ventas' },
    team: { id: 2, name: 'Ventas' },
    assignee: null,
    snooze: null,
    closingNote: null,
    closedAt: null,
    firstReplyAt: null,
    lastInboundAt: at(id * 10),
    lastActivityAt: at(id * 10),
    lastMessagePreview: `Mensaje de ${id}`,
    unreadCount: 0,
    createdAt: at(1000),
    ...over,
  };
}

/** A stand-in for the server: conversations in memory, listed and filtered like GET /conversations does. */
class FakeServer {
  conversations = new Map<number, Conversation>();
  requests: Array<{ method: string; path: string; query: URLSearchParams }> = [];
  views: Array<{ id: number; name: string; filters: Record<string, string>; shared: boolean; owner: { id: number; name: string }; mine: boolean }> = [];
  writes: Array<{ method: string; path: string; body: unknown }> = [];

  constructor(list: Conversation[]) {
    for (const c of list) this.conversations.set(c.id, c);
  }

  list(query: URLSearchParams) {
    const statuses = query.get('status')?.split(',');
    const q = query.get('q')?.toLowerCase();
    const limit = Number(query.get('limit') ?? 25);
    const sorted = [...this.conversations.values()]
      .filter((c) => !statuses || statuses.includes(c.status))
      .filter((c) => query.get('assigneeId') !== 'me' || c.assignee?.id === me.user.id)
      .filter((c) => !q || c.contact.name.toLowerCase().includes(q) || c.lastMessagePreview.toLowerCase().includes(q))
      .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id - a.id);
    const cursor = query.get('cursor');
    const start = cursor ? sorted.findIndex((c) => String(c.id) === cursor) + 1 : 0;
    const items = sorted.slice(start, start + limit);
    return { items, nextCursor: start + limit < sorted.length ? String(items.at(-1)!.id) : null };
  }

  fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = (init?.method ?? 'GET').toUpperCase();
    this.requests.push({ method, path, query: url.searchParams });
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    if (method !== 'GET') this.writes.push({ method, path, body });
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (path === '/conversations') return json(this.list(url.searchParams));
    if (path === '/conversations/counts') {
      const all = [...this.conversations.values()];
      const open = all.filter((c) => c.status === 'open' || c.status === 'queued');
      return json({
        mine: open.filter((c) => c.assignee?.id === me.user.id).length,
        unassigned: all.filter((c) => c.status === 'queued' && !c.assignee).length,
        mentions: 1,
        bot: all.filter((c) => c.status === 'bot').length,
        snoozed: all.filter((c) => c.status === 'snoozed').length,
        all: open.length,
        teams: [{ id: 2, count: 3 }],
        channels: [{ id: 4, count: open.length }],
        tags: [{ tag: 'vip', count: 1 }],
      });
    }
    const one = /^\/conversations\/(\d+)$/.exec(path);
    if (one) {
      const c = this.conversations.get(Number(one[1]));
      return c ? json(c) : json({ error: { code: 'not_found', message: 'Conversation' } }, 404);
    }
    if (path === '/users') return json({ items: [{ id: 7, name: 'Ana Pérez', email: 'ana@optica.example', avatarUrl: null, active: true, teamIds: [2] }, { id: 8, name: 'Bruno Díaz', email: 'b@x', avatarUrl: null, active: true, teamIds: [2] }], nextCursor: null });
    if (path === '/teams') return json({ items: [{ id: 2, name: 'Ventas', memberIds: [7, 8] }, { id: 3, name: 'Soporte', memberIds: [] }], nextCursor: null });
    if (path === '/channels') return json({ items: [{ id: 4, type: 'whatsapp', name: 'WhatsApp Ventas', active: true }, { id: 5, type: 'email', name: 'Correo', active: true }], nextCursor: null });
    if (path === '/tags') return json({ items: [{ id: 1, name: 'vip', color: '#1c7ed6' }], nextCursor: null });
    if (path === '/views' && method === 'GET') return json({ items: this.views });
    if (path === '/views' && method === 'POST') {
      const view = { id: this.views.length + 1, ...body, owner: { id: me.user.id, name: me.user.name }, mine: true };
      this.views.push(view);
      return json(view, 201);
    }
    const view = /^\/views\/(\d+)$/.exec(path);
    if (view && method === 'DELETE') {
      this.views = this.views.filter((v) => v.id !== Number(view[1]));
      return json({ id: Number(view[1]), deleted: true });
    }
    return json({ error: { code: 'not_found', message: path } }, 404);
  });

  listRequests() {
    return this.requests.filter((r) => r.method === 'GET' && r.path === '/conversations');
  }
}

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
}

let nextEventId = 100;
function push(server: FakeServer, type: string, c: Conversation, extra: Partial<RealtimeEvent> & { payload?: Record<string, unknown> } = {}) {
  server.conversations.set(c.id, c);
  const event: RealtimeEvent = {
    id: ++nextEventId,
    type,
    conversationId: c.id,
    teamId: c.team?.id ?? null,
    assigneeId: c.assignee?.id ?? null,
    actor: { type: 'contact', id: c.contact.id },
    createdAt: new Date(clock).toISOString(),
    ...extra,
    payload: {
      conversation: {
        id: c.id,
        status: c.status,
        assigneeId: c.assignee?.id ?? null,
        teamId: c.team?.id ?? null,
        priority: c.priority,
        tags: c.tags,
        botActive: c.botActive,
        unreadCount: c.unreadCount,
        lastActivityAt: c.lastActivityAt,
        lastMessagePreview: c.lastMessagePreview,
      },
      ...extra.payload,
    },
  };
  act(() => FakeSocket.last!.onmessage?.({ data: JSON.stringify({ type: 'event', event }) }));
}

function Pane() {
  const { conversationId } = useParams();
  return <div data-testid="pane">conversación {conversationId}</div>;
}

function renderInbox(server: FakeServer, path = '/conversations') {
  vi.stubGlobal('fetch', server.fetch);
  void i18n.changeLanguage('es');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  queryClient.setQueryData(meKey, me);
  const router = createMemoryRouter(
    [
      {
        path: '/conversations',
        element: <InboxPage />,
        children: [
          { index: true, element: <NoConversationSelected /> },
          { path: ':conversationId', element: <Pane /> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    // Transitions and portals off, so dropdowns open at once and stay in the tree.
    <MantineProvider env="test">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RealtimeProvider socketFactory={() => new FakeSocket()} url="ws://test">
          <RouterProvider router={router} />
        </RealtimeProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  const socket = FakeSocket.last!;
  socket.readyState = 1;
  act(() => socket.onopen?.({}));
  act(() => socket.onmessage?.({ data: JSON.stringify({ type: 'ready', lastEventId: 100 }) }));
  return { router, queryClient };
}

const rowIds = () => screen.queryAllByTestId('conversation-row').map((r) => Number(r.getAttribute('data-conversation-id')));
const row = (id: number) => screen.getAllByTestId('conversation-row').find((r) => r.getAttribute('data-conversation-id') === String(id))!;

beforeEach(() => {
  clock = Date.parse('2025-03-10T12:00:00.000Z');
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the inbox', () => {
  it('opens on open and queued conversations, with the views and their counts', async () => {
    const server = new FakeServer([conversation(1), conversation(2, { status: 'queued' }), conversation(3, { status: 'closed' })]);
    renderInbox(server);
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    expect(server.listRequests()[0]!.query.get('status')).toBe('open,queued');
    expect(screen.getByRole('heading', { name: 'Conversaciones' })).toBeTruthy();
    const views = screen.getByRole('navigation', { name: 'Vistas' });
    const all = within(views).getByTestId('inbox-view-all');
    expect(all.getAttribute('data-active')).toBe('true');
    await waitFor(() => expect(within(all).getByLabelText('2 conversaciones')).toBeTruthy());
    expect(within(views).getByTestId('inbox-view-team-2').textContent).toContain('Ventas');
    // Only my teams' queues.
    expect(within(views).queryByTestId('inbox-view-team-3')).toBeNull();
    expect(within(views).getByTestId('inbox-view-channel-5').textContent).toContain('Correo');
    expect(within(views).getByTestId('inbox-view-tag-vip')).toBeTruthy();
    expect(screen.getByTestId('no-conversation-selected')).toBeTruthy();
  });

  it('shows on each card who, where from, the last message as text, waiting time, unread, team, assignee, priority and tags', async () => {
    const server = new FakeServer([
      conversation(1, {
        contact: { id: 9, name: '<i>Luis</i> Gómez', phone: '+584121234567', email: null, documentNumber: null },
        lastMessagePreview: '<img src=x onerror=alert(1)>¿Tienen lentes?',
        lastInboundAt: at(75),
        unreadCount: 3,
        assignee: { id: 8, name: 'Bruno Díaz', avatarUrl: null },
        priority: 'urgent',
        tags: ['vip', 'lentes', 'garantía'],
      }),
      conversation(2, { contact: { id: 10, name: '', phone: '+584149999999', email: null, documentNumber: null } }),
    ]);
    renderInbox(server);
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    const card = row(1);
    const text = card.textContent!;
    for (const part of ['<i>Luis</i> Gómez', '<img src=x onerror=alert(1)>¿Tienen lentes?', '1 h 15 min', 'WhatsApp Ventas', 'Ventas', 'Bruno Díaz', 'Urgente', 'vip', 'lentes', '+1']) {
      expect(text).toContain(part);
    }
    expect(card.querySelector('img, i')).toBeNull();
    expect(within(card).getByLabelText('3 mensajes sin leer').textContent).toBe('3');
    expect(within(card).getByRole('img', { name: 'WhatsApp' })).toBeTruthy();
    expect(card.querySelector('[data-level="late"]')).not.toBeNull();
    // A contact without a name shows its number.
    expect(row(2).textContent).toContain('+584149999999');
    expect(row(2).textContent).toContain('Sin asignar');
  });

  it('ticks the waiting time every 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const server = new FakeServer([conversation(1, { lastInboundAt: at(14) })]);
      renderInbox(server);
      await waitFor(() => expect(rowIds()).toEqual([1]));
      expect(row(1).textContent).toContain('14 min');
      clock += 60_000;
      act(() => vi.advanceTimersByTime(30_000));
      expect(row(1).textContent).toContain('15 min');
      expect(row(1).querySelector('[data-level="warning"]')).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves a conversation with a new message to the top and updates its card, without refetching the list', async () => {
    const server = new FakeServer([conversation(1), conversation(2), conversation(3)]);
    renderInbox(server);
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3]));
    const fetched = server.listRequests().length;
    clock += 60_000;
    push(server, 'message.created', { ...conversation(3), lastActivityAt: new Date(clock).toISOString(), lastMessagePreview: '¿Siguen abiertos?', unreadCount: 1 }, {
      payload: { message: { id: 55, direction: 'inbound', createdAt: new Date(clock).toISOString() } },
    });
    await waitFor(() => expect(rowIds()).toEqual([3, 1, 2]));
    expect(row(3).textContent).toContain('¿Siguen abiertos?');
    expect(row(3).textContent).toContain('ahora');
    expect(server.listRequests().length).toBe(fetched);
  });

  it('brings in a new conversation that matches, and lets go of one that no longer does', async () => {
    const server = new FakeServer([conversation(1), conversation(2)]);
    renderInbox(server);
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    clock += 60_000;
    push(server, 'conversation.created', conversation(9, { status: 'queued', lastActivityAt: new Date(clock).toISOString(), lastMessagePreview: 'Hola, buenas' }));
    await waitFor(() => expect(rowIds()).toEqual([9, 1, 2]));
    expect(row(9).textContent).toContain('Hola, buenas');
    push(server, 'conversation.closed', { ...conversation(1), status: 'closed', lastActivityAt: new Date(clock).toISOString() });
    await waitFor(() => expect(rowIds()).toEqual([9, 2]));
    // A conversation that does not match the view (closed) brings no fetch.
    const fetched = server.listRequests().length;
    push(server, 'conversation.created', conversation(10, { status: 'closed' }));
    await new Promise((r) => setTimeout(r, 400));
    expect(server.listRequests().length).toBe(fetched);
  });

  it('refreshes the counts after conversation events', async () => {
    const server = new FakeServer([conversation(1)]);
    renderInbox(server);
    await waitFor(() => expect(within(screen.getByTestId('inbox-view-all')).getByLabelText('1 conversaciones')).toBeTruthy());
    push(server, 'conversation.created', conversation(2, { status: 'queued' }));
    await waitFor(() => expect(within(screen.getByTestId('inbox-view-all')).getByLabelText('2 conversaciones')).toBeTruthy());
  });

  it('makes a conversation assigned to me by someone else blink until I open it', async () => {
    const server = new FakeServer([conversation(1), conversation(2, { status: 'queued' })]);
    const { router } = renderInbox(server);
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    push(server, 'conversation.assigned', { ...conversation(2), assignee: { id: 7, name: 'Ana Pérez', avatarUrl: null }, status: 'open' }, {
      actor: { type: 'user', id: 8 },
      payload: { previous: { teamId: 2, assigneeId: null, status: 'queued' } },
    });
    await waitFor(() => expect(row(2).getAttribute('data-new')).toBe('true'));
    expect(row(2).textContent).toContain('Nueva: asignada a ti');
    expect(row(2).textContent).toContain('Ana Pérez');
    // Taking one myself does not blink.
    push(server, 'conversation.assigned', { ...conversation(1), assignee: { id: 7, name: 'Ana Pérez', avatarUrl: null } }, {
      actor: { type: 'user', id: 7 },
      payload: { previous: { teamId: 2, assigneeId: null, status: 'open' } },
    });
    await waitFor(() => expect(row(1).textContent).toContain('Ana Pérez'));
    expect(row(1).getAttribute('data-new')).toBeNull();
    await userEvent.setup().click(row(2));
    await waitFor(() => expect(router.state.location.pathname).toBe('/conversations/2'));
    expect(row(2).getAttribute('data-new')).toBeNull();
    expect(row(2).getAttribute('aria-current')).toBe('true');
  });

  it('moves with j and k, keeps the filters in the URL, and / focuses the search', async () => {
    const server = new FakeServer([conversation(1), conversation(2), conversation(3, { status: 'closed' })]);
    const { router } = renderInbox(server, '/conversations?status=all&tag=vip');
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3]));
    const user = userEvent.setup();
    await user.keyboard('j');
    await waitFor(() => expect(router.state.location.pathname).toBe('/conversations/1'));
    expect(router.state.location.search).toBe('?status=all&tag=vip');
    expect(screen.getByTestId('pane').textContent).toContain('1');
    await user.keyboard('j');
    await waitFor(() => expect(router.state.location.pathname).toBe('/conversations/2'));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/conversations/3'));
    await user.keyboard('k');
    await waitFor(() => expect(router.state.location.pathname).toBe('/conversations/2'));
    expect(row(2).getAttribute('aria-current')).toBe('true');
    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Buscar' });
    expect(document.activeElement).toBe(search);
    // Typing in the search does not move through the list.
    await user.keyboard('j');
    expect(router.state.location.pathname).toBe('/conversations/2');
  });

  it('searches and filters through the URL', async () => {
    const server = new FakeServer([conversation(1), conversation(2, { contact: { id: 5, name: 'Luisa Mora', phone: null, email: null, documentNumber: null } })]);
    const { router } = renderInbox(server);
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Buscar' }), 'luisa{Enter}');
    // Right after Enter, before the search box's delayed commit (350 ms) fires: that commit must not undo the status.
    await user.click(screen.getByTestId('inbox-status-filter'));
    await user.click(await screen.findByRole('checkbox', { name: 'Cerrada' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=open%2Cqueued%2Cclosed&q=luisa'));
    await new Promise((r) => setTimeout(r, 500));
    expect(router.state.location.search).toBe('?status=open%2Cqueued%2Cclosed&q=luisa');
    await waitFor(() => expect(rowIds()).toEqual([2]));
    expect(server.listRequests().at(-1)!.query.get('q')).toBe('luisa');
    expect(server.listRequests().at(-1)!.query.get('status')).toBe('open,queued,closed');

    await user.click(screen.getByTestId('inbox-view-mine'));
    await waitFor(() => expect(router.state.location.search).toBe('?assigneeId=me'));
    expect(screen.getByTestId('inbox-view-mine').getAttribute('data-active')).toBe('true');
    expect(screen.getByRole('searchbox', { name: 'Buscar' })).toHaveProperty('value', '');
    await waitFor(() => expect(screen.getByTestId('conversations-empty').textContent).toBe('Ninguna conversación coincide con los filtros.'));
  });

  it('copies every row, loading the remaining pages first, as tab-separated text with a header', async () => {
    const server = new FakeServer(Array.from({ length: 35 }, (_, i) => conversation(i + 1, { tags: i === 0 ? ['vip', 'lentes'] : [] })));
    renderInbox(server);
    await waitFor(() => expect(rowIds()).toHaveLength(30));
    // user-event puts its own clipboard in place of the browser's: what the page wrote is read back from it.
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Copiar' }));
    expect(await screen.findByText('35 filas copiadas')).toBeTruthy();
    const lines = (await navigator.clipboard.readText()).trimEnd().split('\n');
    expect(lines).toHaveLength(36);
    expect(lines[0]!.split('\t').slice(0, 4)).toEqual(['ID', 'Contacto', 'Teléfono', 'Correo']);
    const first = lines[1]!.split('\t');
    expect(first.length).toBe(lines[0]!.split('\t').length);
    expect(first.slice(0, 3)).toEqual(['1', 'Cliente 1', '+584120000001']);
    expect(first).toContain('vip, lentes');
    expect(first).toContain('Abierta');
  });

  it('prints the table of the current results', async () => {
    const server = new FakeServer([conversation(1, { lastMessagePreview: 'Quiero un presupuesto' }), conversation(2)]);
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderInbox(server, '/conversations?channelId=4');
    await waitFor(() => expect(rowIds()).toEqual([1, 2]));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Imprimir' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const table = screen.getByTestId('inbox-print-table');
    expect(table.textContent).toContain('Canal: WhatsApp Ventas');
    const rows = table.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Quiero un presupuesto');
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toContain('Último mensaje');
  });

  it('saves the current filters as a view, lists views shared by others, and deletes my own', async () => {
    const server = new FakeServer([conversation(1), conversation(2, { status: 'closed' })]);
    server.views.push({ id: 1, name: 'Cola de Maracaibo', filters: { status: 'queued', tag: 'maracaibo' }, shared: true, owner: { id: 8, name: 'Bruno Díaz' }, mine: false });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    const { router } = renderInbox(server, '/conversations?status=all&channelId=4&q=lentes');
    await waitFor(() => expect(screen.getAllByTestId('inbox-saved-view')).toHaveLength(1));
    const shared = screen.getAllByTestId('inbox-saved-view')[0]!;
    expect(shared.textContent).toContain('Compartida por Bruno Díaz');
    // Not mine and I am not an admin: no menu to change it.
    expect(within(shared).queryByRole('button')).toBeNull();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Guardar los filtros como vista' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Canal: WhatsApp Ventas');
    expect(dialog.textContent).toContain('Buscar: «lentes»');
    await user.type(within(dialog).getByLabelText(/Nombre/), 'Lentes por WhatsApp');
    await user.click(within(dialog).getByRole('checkbox', { name: /Compartir/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Guardar vista' }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-saved-view')).toHaveLength(2));
    expect(server.writes[0]).toEqual({
      method: 'POST',
      path: '/views',
      body: { name: 'Lentes por WhatsApp', filters: { status: 'open,queued,bot,snoozed,closed', channelId: '4', q: 'lentes' }, shared: true },
    });
    const mine = screen.getAllByTestId('inbox-saved-view')[1]!;
    expect(within(mine).getByRole('link').getAttribute('data-active')).toBe('true');

    // Its link brings the same filters back.
    await user.click(within(shared).getByRole('link'));
    await waitFor(() => expect(router.state.location.search).toBe('?status=queued&tag=maracaibo'));

    await user.click(within(mine).getByRole('button', { name: 'Opciones de la vista Lentes por WhatsApp' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Eliminar' }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-saved-view')).toHaveLength(1));
    expect(confirm).toHaveBeenCalledWith('¿Eliminar la vista «Lentes por WhatsApp»?');
    expect(server.writes.at(-1)).toMatchObject({ method: 'DELETE', path: '/views/2' });
  });
});
