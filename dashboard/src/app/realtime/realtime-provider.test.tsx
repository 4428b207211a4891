// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { meKey, type Me } from '../auth';
import type { SocketLike } from './realtime-connection';
import { RealtimeProvider, useRealtimeEvent, useRealtimeStatus, type RealtimeEvent } from './realtime-provider';

/** A stand-in for the browser's WebSocket: records what the page sends, lets the test play the server. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  // The server's side:
  open() {
    this.readyState = 1;
    act(() => this.onopen?.({}));
  }
  push(frame: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(frame) }));
  }
  drop(code = 1006) {
    this.readyState = 3;
    act(() => this.onclose?.({ code }));
  }
}

const me: Me = {
  user: { id: 3, name: 'Ana', email: 'ana@example.com', language: 'es' },
  workspace: { id: 1, name: 'Óptica', timezone: 'America/Caracas', language: 'es' },
  role: 'agent',
  accessLevel: 'all',
  teamIds: [],
  workspaces: [{ id: 1, name: 'Óptica' }],
};

const event = (id: number, type = 'message.created'): RealtimeEvent => ({
  id,
  type,
  conversationId: 9,
  teamId: null,
  assigneeId: 3,
  actor: { type: 'contact', id: 5 },
  payload: {},
  createdAt: '2025-01-01T00:00:00.000Z',
});

const factory = (url: string) => new FakeSocket(url);
const backoff = { baseMs: 1000, maxMs: 8000, random: () => 1 };

function Probe({ seen }: { seen: number[] }) {
  const status = useRealtimeStatus();
  useRealtimeEvent((e) => seen.push(e.id));
  return <output data-testid="status">{status}</output>;
}

function setup(client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  client.setQueryData(meKey, me);
  const seen: number[] = [];
  render(
    <QueryClientProvider client={client}>
      <RealtimeProvider socketFactory={factory} url="ws://test/api/v1/realtime" backoff={backoff}>
        <Probe seen={seen} />
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  return { client, seen, status: () => screen.getByTestId('status').textContent };
}

beforeEach(() => {
  FakeSocket.all = [];
  // Refetches after invalidation reach this stand-in for the server, not the network.
  vi.stubGlobal('fetch', async (url: string) => new Response(JSON.stringify(String(url).endsWith('/auth/me') ? me : {}), { status: 200 }));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('RealtimeProvider', () => {
  it("subscribes to the workspace and the person's own topic, and reports live after ready", () => {
    const { status, seen } = setup();
    expect(FakeSocket.all).toHaveLength(1);
    const socket = FakeSocket.all[0]!;
    expect(socket.url).toBe('ws://test/api/v1/realtime');
    expect(status()).toBe('connecting');
    socket.open();
    expect(socket.sent).toEqual([{ type: 'subscribe', topics: ['workspace', 'user:3'] }]);
    socket.push({ type: 'ready', lastEventId: 20 });
    expect(status()).toBe('live');
    socket.push({ type: 'event', event: event(21) });
    socket.push({ type: 'event', event: event(22) });
    expect(seen).toEqual([21, 22]);
  });

  it('reconnects with backoff after a drop and resumes from the last event id, without duplicates', () => {
    const { status, seen } = setup();
    const first = FakeSocket.all[0]!;
    first.open();
    first.push({ type: 'ready', lastEventId: 20 });
    first.push({ type: 'event', event: event(21) });
    first.drop();
    expect(status()).toBe('offline');
    expect(FakeSocket.all).toHaveLength(1);
    act(() => vi.advanceTimersByTime(999));
    expect(FakeSocket.all).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSocket.all).toHaveLength(2);
    expect(status()).toBe('connecting');
    const second = FakeSocket.all[1]!;
    second.open();
    expect(second.sent).toEqual([{ type: 'subscribe', topics: ['workspace', 'user:3'], lastEventId: 21 }]);
    second.push({ type: 'event', event: event(21) });
    second.push({ type: 'event', event: event(22) });
    second.push({ type: 'ready', lastEventId: 22 });
    second.push({ type: 'event', event: event(22) });
    second.push({ type: 'event', event: event(23) });
    expect(seen).toEqual([21, 22, 23]);
    expect(status()).toBe('live');
  });

  it('waits longer after each failed attempt', () => {
    setup();
    FakeSocket.all[0]!.drop();
    act(() => vi.advanceTimersByTime(1000));
    FakeSocket.all[1]!.drop();
    act(() => vi.advanceTimersByTime(1999));
    expect(FakeSocket.all).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('refetches every query on reset', () => {
    const client = new QueryClient();
    client.setQueryData(['conversations', 'list', {}], { pages: [] });
    const { seen } = setup(client);
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.push({ type: 'ready', lastEventId: 5 });
    expect(client.getQueryState(['conversations', 'list', {}])?.isInvalidated).toBe(true);
    client.setQueryData(['conversations', 'list', {}], { pages: [] });
    expect(client.getQueryState(['conversations', 'list', {}])?.isInvalidated).toBe(false);
    socket.push({ type: 'reset', reason: 'too_far_behind' });
    expect(client.getQueryState(['conversations', 'list', {}])?.isInvalidated).toBe(true);
    expect(client.getQueryState(meKey)?.isInvalidated).toBe(true);
    socket.push({ type: 'ready', lastEventId: 3 });
    socket.push({ type: 'event', event: event(4) });
    expect(seen).toEqual([4]);
  });

  it('a resumed stream does not refetch what is loaded; a fresh one does', () => {
    const client = new QueryClient();
    const { seen } = setup(client);
    const first = FakeSocket.all[0]!;
    first.open();
    first.push({ type: 'ready', lastEventId: 5 });
    client.setQueryData(['conversations', 'counts'], { all: 1 });
    first.drop();
    act(() => vi.advanceTimersByTime(1000));
    const second = FakeSocket.all[1]!;
    second.open();
    second.push({ type: 'ready', lastEventId: 5 });
    expect(client.getQueryState(['conversations', 'counts'])?.isInvalidated).toBe(false);
    expect(seen).toEqual([]);
  });

  it('closes a socket that stops answering pings, and reconnects', () => {
    setup();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.push({ type: 'ready', lastEventId: 1 });
    act(() => vi.advanceTimersByTime(25_000));
    expect(socket.sent.at(-1)).toEqual({ type: 'ping' });
    socket.push({ type: 'pong' });
    act(() => vi.advanceTimersByTime(25_000));
    act(() => vi.advanceTimersByTime(10_000));
    expect(socket.closedWith).not.toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('asks who is signed in again when the server refuses the session', () => {
    const client = new QueryClient();
    setup(client);
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.drop(4401);
    expect(client.getQueryState(meKey)?.isInvalidated).toBe(true);
  });

  it('reconnects at once when the browser comes back online', () => {
    setup();
    FakeSocket.all[0]!.drop();
    act(() => window.dispatchEvent(new Event('online')));
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('calls the latest listener, subscribed once, and stops on unmount', () => {
    const client = new QueryClient();
    client.setQueryData(meKey, me);
    const calls: string[] = [];
    let setLabel: (label: string) => void = () => {};
    function Listener() {
      const [label, set] = useState('a');
      setLabel = set;
      useRealtimeEvent((e) => calls.push(`${label}${e.id}`));
      return null;
    }
    const view = render(
      <QueryClientProvider client={client}>
        <RealtimeProvider socketFactory={factory} url="ws://test" backoff={backoff}>
          <RealtimeProvider socketFactory={factory} url="ws://test" backoff={backoff}>
            <Listener />
          </RealtimeProvider>
        </RealtimeProvider>
      </QueryClientProvider>,
    );
    // A provider inside another adds no second socket.
    expect(FakeSocket.all).toHaveLength(1);
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.push({ type: 'ready', lastEventId: 0 });
    socket.push({ type: 'event', event: event(1) });
    act(() => setLabel('b'));
    socket.push({ type: 'event', event: event(2) });
    expect(calls).toEqual(['a1', 'b2']);
    view.unmount();
    expect(socket.closedWith).toBe(1000);
  });

  it('reports offline outside a provider', () => {
    function Lone() {
      useRealtimeEvent(() => {});
      return <span data-testid="lone">{useRealtimeStatus()}</span>;
    }
    render(<Lone />);
    expect(screen.getByTestId('lone').textContent).toBe('offline');
  });
});
