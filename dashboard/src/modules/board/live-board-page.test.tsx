// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import type { SocketLike } from '../../app/realtime/realtime-connection';
import { RealtimeProvider } from '../../app/realtime/realtime-provider';
import { fakeApi, makeMe, renderWithApp, type FakeAnswer } from '../settings/test-kit';
import type { BoardAgent, LiveBoard } from './board.api';
import { LiveBoardPage } from './live-board-page';

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
  frame(frame: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(frame) }));
  }
}

let clock = Date.parse('2026-01-05T12:00:00.000Z');
const ago = (minutes: number) => new Date(clock - minutes * 60_000).toISOString();

const agent = (id: number, name: string, over: Partial<BoardAgent> = {}): BoardAgent => ({
  id, name, avatarUrl: null, role: 'agent', status: 'online', lastSeenAt: ago(0), idleSince: null, open: 0, snoozed: 0, maxConversations: null, teams: [], ...over,
});

const board = (): LiveBoard => ({
  teams: [
    { id: 1, name: 'Soporte', policy: 'manual', maxPerAgent: 2, waiting: 3, longestWaitSeconds: 12 * 60 + 30, oldestWaitingId: 31, open: 2, agentsOnline: 1, members: 2 },
    { id: 2, name: 'Ventas', policy: 'round_robin', maxPerAgent: null, waiting: 0, longestWaitSeconds: null, oldestWaitingId: null, open: 1, agentsOnline: 0, members: 2 },
  ],
  noTeam: { waiting: 1, longestWaitSeconds: 7 * 60, oldestWaitingId: 40, open: 0 },
  agents: [
    agent(3, 'Carla', { status: 'away', idleSince: ago(5), teams: [{ id: 2, name: 'Ventas', maxPerAgent: null, open: 0 }] }),
    agent(1, 'Ana', { open: 1, snoozed: 1, maxConversations: 3, teams: [{ id: 1, name: 'Soporte', maxPerAgent: 2, open: 1 }] }),
    agent(2, 'Beto', { status: 'busy', open: 3, maxConversations: 3, teams: [{ id: 1, name: 'Soporte', maxPerAgent: 2, open: 2 }, { id: 2, name: 'Ventas', maxPerAgent: null, open: 1 }] }),
    agent(4, 'Dario', { status: 'offline', lastSeenAt: ago(90) }),
    agent(5, 'Eva', { role: 'supervisor', open: 2 }),
  ],
  generatedAt: new Date(clock).toISOString(),
});

let answer: () => FakeAnswer;
let api: ReturnType<typeof fakeApi>;
const boardRequests = () => api.requests.filter((r) => r.path === '/routing/board').length;
let nextEventId = 50;
const push = (type: string) =>
  FakeSocket.last!.frame({
    type: 'event',
    event: { id: ++nextEventId, type, conversationId: 9, teamId: 1, assigneeId: null, actor: { type: 'system', id: null }, payload: {}, createdAt: new Date(clock).toISOString() },
  });

function renderBoard() {
  renderWithApp(
    <RealtimeProvider socketFactory={() => new FakeSocket()} url="ws://test">
      <LiveBoardPage />
    </RealtimeProvider>,
    { me: makeMe('supervisor') },
  );
  const socket = FakeSocket.last!;
  socket.readyState = 1;
  act(() => socket.onopen?.({}));
  socket.frame({ type: 'ready', lastEventId: 50 });
}

const card = (name: string) => screen.getByRole('region', { name });
const rowNames = () => screen.getAllByTestId('agent-row').map((r) => within(r).getByTestId('agent-name').textContent);

beforeEach(() => {
  clock = Date.parse('2026-01-05T12:00:00.000Z');
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
  answer = () => ({ body: board() });
  api = fakeApi({ 'GET /routing/board': () => answer() });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the live board', () => {
  it('shows a card per queue: waiting, longest wait, agents online, open, the policy and a link to the oldest', async () => {
    renderBoard();
    await screen.findByText('Soporte', { selector: 'p' });
    const soporte = within(card('Soporte'));
    expect(soporte.getByTestId('waiting-count').textContent).toBe('3');
    expect(soporte.getByTestId('longest-wait').textContent).toBe('12 min');
    expect(soporte.getByText('1 de 2 en línea · 2 abiertas')).toBeTruthy();
    expect(soporte.getByText('Manual')).toBeTruthy();
    expect(soporte.getByRole('link', { name: 'Ver la más antigua' }).getAttribute('href')).toBe('/conversations/31');
    const ventas = within(card('Ventas'));
    expect(ventas.getByText('Por turnos')).toBeTruthy();
    expect(ventas.getByTestId('longest-wait').textContent).toBe('—');
    expect(ventas.queryByRole('link')).toBeNull();
    const noTeam = within(card('Sin equipo'));
    expect(noTeam.getByTestId('waiting-count').textContent).toBe('1');
    expect(noTeam.getByTestId('longest-wait').textContent).toBe('7 min');
  });

  it('lists agents by status then load, with their capacity turning red when full and their teams', async () => {
    renderBoard();
    await screen.findByTestId('agents-table');
    expect(rowNames()).toEqual(['Eva', 'Ana', 'Beto', 'Carla', 'Dario']);
    const row = (id: number) => screen.getAllByTestId('agent-row').find((r) => r.getAttribute('data-agent-id') === String(id))!;
    expect(within(row(1)).getByTestId('agent-load').textContent).toBe('1 / 3 · 1 pospuesta');
    expect(within(row(1)).getByText('En línea')).toBeTruthy();
    expect(row(1).querySelector('[data-full="false"]')).not.toBeNull();
    expect(within(row(2)).getByText('Ocupado')).toBeTruthy();
    expect(row(2).querySelector('[data-full="true"]')).not.toBeNull();
    expect(within(row(2)).getByRole('progressbar', { name: '3 de 3 conversaciones abiertas' }).getAttribute('aria-valuenow')).toBe('100');
    expect(within(row(2)).getByText('Soporte 2/2')).toBeTruthy();
    expect(within(row(2)).getByText('Ventas')).toBeTruthy();
    expect(within(row(5)).getByTestId('agent-load').textContent).toBe('2 / sin límite');
    expect(row(5).querySelector('[data-full]')).toBeNull();
    expect(within(row(3)).getByText('Inactivo desde hace 5 min')).toBeTruthy();
    expect(within(row(4)).getByText(/^Visto por última vez/)).toBeTruthy();
    expect(within(row(4)).getByText('Sin equipos')).toBeTruthy();
  });

  it('ticks the waits every second on its own, without asking the server again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    renderBoard();
    await screen.findByTestId('agents-table');
    const wait = () => within(card('Soporte')).getByTestId('longest-wait');
    clock += 29_000;
    act(() => vi.advanceTimersByTime(1000));
    expect(wait().textContent).toBe('12 min');
    clock += 1000;
    act(() => vi.advanceTimersByTime(1000));
    expect(wait().textContent).toBe('13 min');
    clock += 3 * 60_000;
    act(() => vi.advanceTimersByTime(1000));
    expect(wait().textContent).toBe('16 min');
    expect(wait().getAttribute('data-level')).toBe('warning');
    expect(within(card('Sin equipo')).getByTestId('longest-wait').textContent).toBe('10 min');
    expect(screen.getByText('Inactivo desde hace 8 min')).toBeTruthy();
    expect(boardRequests()).toBe(1);
  });

  it('refetches on conversation and status events, at most once a second', async () => {
    renderBoard();
    await screen.findByTestId('agents-table');
    expect(boardRequests()).toBe(1);
    push('message.created');
    push('contact.updated');
    await new Promise((r) => setTimeout(r, 50));
    expect(boardRequests()).toBe(1);

    answer = () => ({ body: { ...board(), teams: [{ ...board().teams[0]!, waiting: 4 }, board().teams[1]!] } });
    push('conversation.created');
    await waitFor(() => expect(boardRequests()).toBe(2));
    await waitFor(() => expect(within(card('Soporte')).getByTestId('waiting-count').textContent).toBe('4'));
    // A burst within the second folds into one refetch when the second is over.
    push('conversation.taken');
    push('user.status_changed');
    push('conversation.assigned');
    await new Promise((r) => setTimeout(r, 300));
    expect(boardRequests()).toBe(2);
    await waitFor(() => expect(boardRequests()).toBe(3), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(boardRequests()).toBe(3);
  });

  it('tells an agent the board is for supervisors', async () => {
    answer = () => ({ status: 403, body: { error: { code: 'forbidden', message: 'You are not allowed to do this' } } });
    renderBoard();
    expect(await screen.findByText('Solo supervisores y administradores pueden ver el monitor.')).toBeTruthy();
  });
});
