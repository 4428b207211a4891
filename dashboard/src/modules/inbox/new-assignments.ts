import { useCallback, useSyncExternalStore } from 'react';

/**
 * Conversations newly assigned to me that I have not opened yet (seed 004: the blinking card). Kept
 * in localStorage per person, so a reload or another tab still shows them until they are opened.
 */
const MAX = 200;
const listeners = new Set<() => void>();
const cache = new Map<string, ReadonlySet<number>>();

const storageKey = (userId: number) => `atiende.inbox.newAssignments.${userId}`;

function read(key: string): ReadonlySet<number> {
  const hit = cache.get(key);
  if (hit) return hit;
  let ids: number[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (Array.isArray(parsed)) ids = parsed.filter((n): n is number => Number.isSafeInteger(n));
  } catch {
    ids = [];
  }
  const set = new Set(ids);
  cache.set(key, set);
  return set;
}

function write(key: string, set: Set<number>) {
  const ids = [...set].slice(-MAX);
  cache.set(key, new Set(ids));
  try {
    localStorage.setItem(key, JSON.stringify(ids));
  } catch {
    // Storage full or disabled: the highlight lasts for this page only.
  }
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith('atiende.inbox.newAssignments.')) {
      cache.delete(e.key);
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function flagNewAssignment(userId: number, conversationId: number) {
  const key = storageKey(userId);
  const set = new Set(read(key));
  if (set.has(conversationId)) return;
  set.add(conversationId);
  write(key, set);
}

export function clearNewAssignment(userId: number, conversationId: number) {
  const key = storageKey(userId);
  const current = read(key);
  if (!current.has(conversationId)) return;
  const set = new Set(current);
  set.delete(conversationId);
  write(key, set);
}

const empty: ReadonlySet<number> = new Set();

export function useNewAssignments(userId: number | null | undefined): ReadonlySet<number> {
  const get = useCallback(() => (userId ? read(storageKey(userId)) : empty), [userId]);
  return useSyncExternalStore(subscribe, get, get);
}
