import type { Attachment } from '../conversation.api';

export type ComposerMode = 'reply' | 'note';

export interface Draft {
  text: string;
  /** Files already uploaded for a reply (they stay on the server until sent). */
  attachments: Attachment[];
  updatedAt: number;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'atiende.draft.';
const MODE_PREFIX = 'atiende.draft-mode.';
const MAX_AGE_MS = 30 * 24 * 3600_000;

export interface DraftStore {
  get(conversationId: number, mode: ComposerMode): Draft | null;
  /** Saves the draft; an empty one is removed. */
  set(conversationId: number, mode: ComposerMode, draft: { text: string; attachments?: Attachment[] }): void;
  clear(conversationId: number, mode: ComposerMode): void;
  /** The mode last used in that conversation (a half-written note reopens as a note). */
  getMode(conversationId: number): ComposerMode | null;
  setMode(conversationId: number, mode: ComposerMode): void;
}

/**
 * Drafts per person, conversation and mode in the browser's storage, so nothing typed is lost when
 * switching conversations or reloading. Drafts older than 30 days are dropped when a store is created.
 * Storage errors (private mode, quota) never break typing: the draft then lives only in memory.
 */
export function createDraftStore(storage: KeyValueStorage | null, ownerId: number, now: () => number = Date.now): DraftStore {
  const key = (conversationId: number, mode: ComposerMode) => `${PREFIX}${ownerId}.${conversationId}.${mode}`;
  const modeKey = (conversationId: number) => `${MODE_PREFIX}${ownerId}.${conversationId}`;
  const read = (k: string): string | null => {
    try {
      return storage?.getItem(k) ?? null;
    } catch {
      return null;
    }
  };
  const write = (k: string, value: string | null) => {
    try {
      if (value === null) storage?.removeItem(k);
      else storage?.setItem(k, value);
    } catch {
      // Quota exceeded or storage disabled: keep working without persistence.
    }
  };
  const parse = (raw: string | null): Draft | null => {
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as Partial<Draft>;
      if (typeof value.text !== 'string') return null;
      return { text: value.text, attachments: Array.isArray(value.attachments) ? value.attachments : [], updatedAt: Number(value.updatedAt) || 0 };
    } catch {
      return null;
    }
  };

  pruneOld();

  function pruneOld() {
    if (!storage) return;
    const stale: string[] = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (!k?.startsWith(PREFIX)) continue;
        const draft = parse(read(k));
        if (!draft || now() - draft.updatedAt > MAX_AGE_MS) stale.push(k);
      }
    } catch {
      return;
    }
    stale.forEach((k) => write(k, null));
  }

  return {
    get: (conversationId, mode) => parse(read(key(conversationId, mode))),
    set(conversationId, mode, { text, attachments = [] }) {
      const empty = !text.trim() && attachments.length === 0;
      write(key(conversationId, mode), empty ? null : JSON.stringify({ text, attachments, updatedAt: now() }));
    },
    clear: (conversationId, mode) => write(key(conversationId, mode), null),
    getMode(conversationId) {
      const mode = read(modeKey(conversationId));
      return mode === 'reply' || mode === 'note' ? mode : null;
    },
    setMode: (conversationId, mode) => write(modeKey(conversationId), mode === 'reply' ? null : mode),
  };
}

/** The browser's localStorage, when it can be used. */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
