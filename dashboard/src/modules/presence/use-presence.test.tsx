// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { meKey } from '../../app/auth';
import { HEARTBEAT_INTERVAL_MS, IDLE_AFTER_MS } from './idle-tracker';
import { usePresence } from './use-presence';

function Probe() {
  usePresence();
  return null;
}

let beats: boolean[] = [];

beforeEach(() => {
  beats = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  // The server's side of POST /presence/heartbeat.
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (String(url).endsWith('/presence/heartbeat')) beats.push((JSON.parse(String(init.body)) as { idle: boolean }).idle);
    return new Response(JSON.stringify({ status: 'online' }), { status: 200 });
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const mount = (client = new QueryClient()) =>
  render(
    <QueryClientProvider client={client}>
      <Probe />
    </QueryClientProvider>,
  );

/** A signed-in session whose workspace sets auto-away to `minutes`. */
const withAutoAway = (minutes: number) => {
  const client = new QueryClient();
  client.setQueryData(meKey, { user: { id: 1, name: 'Ana', email: 'a@x.io', language: 'es' }, workspace: { id: 1, name: 'W', timezone: 'UTC', language: 'es', autoAwayMinutes: minutes }, role: 'agent', accessLevel: 'all', teamIds: [], workspaces: [] });
  return client;
};

describe('usePresence', () => {
  it('beats while mounted, goes idle without input and comes back on the next key or mouse move', () => {
    const { unmount } = mount();
    expect(beats).toEqual([false]);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(beats).toEqual([false, false]);
    vi.advanceTimersByTime(IDLE_AFTER_MS);
    expect(beats.at(-1)).toBe(true);
    const count = beats.length;
    window.dispatchEvent(new MouseEvent('mousemove'));
    expect(beats).toHaveLength(count + 1);
    expect(beats.at(-1)).toBe(false);
    unmount();
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 4);
    expect(beats).toHaveLength(count + 1);
  });

  it('counts typing and returning to the tab as activity', () => {
    mount();
    vi.advanceTimersByTime(IDLE_AFTER_MS);
    expect(beats.at(-1)).toBe(true);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(beats.at(-1)).toBe(false);
    vi.advanceTimersByTime(IDLE_AFTER_MS);
    expect(beats.at(-1)).toBe(true);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(beats.at(-1)).toBe(false);
  });

  it("goes idle after the workspace's auto-away minutes, not the default", () => {
    mount(withAutoAway(1));
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(beats).toEqual([false, false]);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(beats.at(-1)).toBe(true);
  });

  it('a longer setting keeps the person active past the default 5 minutes', () => {
    mount(withAutoAway(15));
    vi.advanceTimersByTime(IDLE_AFTER_MS + HEARTBEAT_INTERVAL_MS);
    expect(beats.includes(true)).toBe(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(beats.at(-1)).toBe(true);
  });
});
