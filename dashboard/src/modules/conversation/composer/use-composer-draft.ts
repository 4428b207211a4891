import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Attachment } from '../conversation.api';
import { browserStorage, createDraftStore, type ComposerMode, type DraftStore } from './draft-store';

export interface DraftState {
  text: string;
  attachments: Attachment[];
}

const empty: DraftState = { text: '', attachments: [] };

/** One draft store per signed-in person for the page's life. */
const stores = new Map<number, DraftStore>();
export function draftStoreFor(userId: number): DraftStore {
  let store = stores.get(userId);
  if (!store) {
    store = createDraftStore(browserStorage(), userId);
    stores.set(userId, store);
  }
  return store;
}

/** The reply and note drafts of one conversation, written through to storage on every change. */
export function useComposerDraft(userId: number, conversationId: number) {
  const store = useMemo(() => draftStoreFor(userId), [userId]);
  const [drafts, setDrafts] = useState<Record<ComposerMode, DraftState>>(() => ({
    reply: store.get(conversationId, 'reply') ?? empty,
    note: store.get(conversationId, 'note') ?? empty,
  }));
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const update = useCallback(
    (mode: ComposerMode, change: (d: DraftState) => DraftState) => {
      if (!mounted.current) {
        // An upload finished after the agent moved on: the draft in storage still gets the file.
        const stored = store.get(conversationId, mode) ?? empty;
        store.set(conversationId, mode, change({ text: stored.text, attachments: stored.attachments }));
        return;
      }
      setDrafts((all) => {
        const next = change(all[mode]);
        store.set(conversationId, mode, next);
        return { ...all, [mode]: next };
      });
    },
    [store, conversationId],
  );

  const clear = useCallback(
    (mode: ComposerMode) => {
      store.clear(conversationId, mode);
      if (mounted.current) setDrafts((all) => ({ ...all, [mode]: empty }));
    },
    [store, conversationId],
  );

  return { drafts, update, clear };
}
