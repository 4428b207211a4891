import { afterEach, describe, expect, it, vi } from 'vitest';
import { changesBoard, load, sortAgents, throttle, waitStartedAt } from './board-logic';
import type { BoardAgent } from './board.api';

const agent = (name: string, status: BoardAgent['status'], open: number): BoardAgent => ({
  id: name.length, name, avatarUrl: null, role: 'agent', status, lastSeenAt: null, idleSince: null, open, snoozed: 0, maxConversations: null, teams: [],
});

afterEach(() => vi.useRealTimers());

describe('board logic', () => {
  it('sorts by status (online, busy, away, offline), then the most loaded, then by name', () => {
    const sorted = sortAgents([agent('Zoe', 'offline', 9), agent('Beto', 'online', 1), agent('Ana', 'online', 1), agent('Cris', 'away', 0), agent('Dani', 'busy', 0), agent('Eli', 'online', 4)]);
    expect(sorted.map((a) => a.name)).toEqual(['Eli', 'Ana', 'Beto', 'Dani', 'Cris', 'Zoe']);
  });

  it('measures load against capacity: full at the capacity, no bar without a limit', () => {
    expect(load(1, 4)).toEqual({ percent: 25, full: false });
    expect(load(3, 3)).toEqual({ percent: 100, full: true });
    expect(load(5, 3)).toEqual({ percent: 100, full: true });
    expect(load(2, null)).toEqual({ percent: null, full: false });
    expect(load(0, 0)).toEqual({ percent: 100, full: true });
  });

  it('counts a wait back from when the board arrived', () => {
    expect(waitStartedAt(90, Date.parse('2026-01-05T12:00:00Z'))).toBe('2026-01-05T11:58:30.000Z');
    expect(waitStartedAt(null, 0)).toBeNull();
  });

  it('listens to conversation events and status changes only', () => {
    expect(['conversation.created', 'conversation.taken', 'user.status_changed'].every(changesBoard)).toBe(true);
    expect(['message.created', 'user.updated', 'notification.created'].some(changesBoard)).toBe(false);
  });

  it('throttles to one run a second: at once, then one run at the end of a burst', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fn = vi.fn();
    const th = throttle(fn, 1000);
    th.call();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    th.call();
    th.call();
    vi.advanceTimersByTime(799);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    th.call();
    expect(fn).toHaveBeenCalledTimes(3);
    th.call();
    th.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
