import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPresenceLoop, HEARTBEAT_INTERVAL_MS, IDLE_AFTER_MS } from './idle-tracker';

describe('presence loop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-10T09:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('sends a heartbeat at start and every 30 seconds', () => {
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle) });
    loop.start();
    expect(sent).toEqual([false]);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS - 1);
    expect(sent).toEqual([false]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([false, false]);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS * 3);
    expect(sent).toHaveLength(5);
    loop.stop();
  });

  it('reports idle after 5 minutes without activity, and not before', () => {
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle) });
    loop.start();
    vi.advanceTimersByTime(IDLE_AFTER_MS - HEARTBEAT_INTERVAL_MS);
    expect(sent.every((idle) => !idle)).toBe(true);
    expect(loop.isIdle()).toBe(false);
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(loop.isIdle()).toBe(true);
    expect(sent.at(-1)).toBe(true);
    loop.stop();
  });

  it('activity postpones idleness', () => {
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle) });
    loop.start();
    vi.advanceTimersByTime(4 * 60_000);
    loop.activity();
    vi.advanceTimersByTime(4 * 60_000);
    expect(sent.includes(true)).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(sent.at(-1)).toBe(true);
    loop.stop();
  });

  it('sends a non-idle heartbeat at once when activity returns after idle, once', () => {
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle) });
    loop.start();
    vi.advanceTimersByTime(IDLE_AFTER_MS);
    expect(sent.at(-1)).toBe(true);
    const before = sent.length;
    loop.activity();
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)).toBe(false);
    // Further activity while active sends nothing extra: the regular beat carries it.
    loop.activity();
    loop.activity();
    expect(sent.length).toBe(before + 1);
    loop.stop();
  });

  it('activity before idleness sends nothing by itself', () => {
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle) });
    loop.start();
    vi.advanceTimersByTime(60_000);
    const before = sent.length;
    loop.activity();
    expect(sent.length).toBe(before);
    loop.stop();
  });

  it('stops sending after stop, and a restart counts from a fresh activity', () => {
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle) });
    loop.start();
    loop.stop();
    vi.advanceTimersByTime(IDLE_AFTER_MS * 2);
    expect(sent).toEqual([false]);
    loop.activity();
    expect(sent).toEqual([false]);
    loop.start();
    expect(sent).toEqual([false, false]);
    loop.stop();
  });

  it('honours custom interval and idle threshold', () => {
    let clock = 0;
    const sent: boolean[] = [];
    const loop = createPresenceLoop({ send: (idle) => sent.push(idle), now: () => clock, intervalMs: 1000, idleAfterMs: 2500 });
    loop.start();
    for (let i = 0; i < 3; i++) {
      clock += 1000;
      vi.advanceTimersByTime(1000);
    }
    expect(sent).toEqual([false, false, false, true]);
    loop.stop();
  });
});
