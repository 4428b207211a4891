// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
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

const mount = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Probe />
    </QueryClientProvider>,
  );

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
});
