import type { PresenceStatus } from '../presence/presence-status';
import type { BoardAgent } from './board.api';

/** Who can take work first: online, then busy, away and offline. */
const statusOrder: Record<PresenceStatus, number> = { online: 0, busy: 1, away: 2, offline: 3 };

/** Agents by status, then the most loaded first (open conversations), then by name. */
export function sortAgents(agents: BoardAgent[], locale?: string): BoardAgent[] {
  return [...agents].sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || b.open - a.open || a.name.localeCompare(b.name, locale),
  );
}

export interface Load {
  /** Percent of the capacity in use (capped at 100), or null when there is no limit. */
  percent: number | null;
  full: boolean;
}

export function load(open: number, capacity: number | null): Load {
  if (capacity === null) return { percent: null, full: false };
  if (capacity <= 0) return { percent: 100, full: true };
  return { percent: Math.min(100, Math.round((open / capacity) * 100)), full: open >= capacity };
}

/**
 * When the oldest waiting conversation started waiting, on this browser's clock: the server's wait at the time
 * the board was fetched, counted back from when it arrived, so a skewed clock on either side does not shift it.
 */
export function waitStartedAt(longestWaitSeconds: number | null, receivedAt: number): string | null {
  if (longestWaitSeconds === null) return null;
  return new Date(receivedAt - longestWaitSeconds * 1000).toISOString();
}

/** The realtime events that change the board's figures. */
export const changesBoard = (type: string) => type.startsWith('conversation.') || type === 'user.status_changed';

export interface Throttled {
  call(): void;
  cancel(): void;
}

/**
 * Runs `fn` at most once every `ms`: the first call at once, calls within the next `ms` fold into one run when
 * it ends, so a burst of events costs two refetches and the last change is never missed.
 */
export function throttle(fn: () => void, ms: number): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  return {
    call() {
      if (timer !== null) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
