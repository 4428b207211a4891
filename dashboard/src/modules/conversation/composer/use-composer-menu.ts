import { useMemo, useState } from 'react';
import type { Member, Snippet } from '../conversation.api';
import type { ComposerMode } from './draft-store';
import { snippetSuggestions, useSnippetSearch } from './snippets';
import type { Suggestion } from './suggestion-list';
import { filterCandidates, mentionQuery, slashQuery } from './triggers';

export type ComposerMenu =
  | { kind: 'slash'; items: Suggestion[]; snippets: Snippet[] }
  | { kind: 'mention'; items: Suggestion[]; people: Member[]; start: number };

/**
 * The suggestion list the text at the caret asks for: snippets after a leading `/`, teammates after
 * `@` in a note. Escape dismisses it until the trigger changes; the highlighted row starts at the top
 * for each new query.
 */
export function useComposerMenu({ text, caret, mode, teammates }: { text: string; caret: number; mode: ComposerMode; teammates: Member[] }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [activeState, setActiveState] = useState({ key: '', index: 0 });

  const slash = slashQuery(text, caret);
  const slashOpen = slash !== null && dismissed !== 'slash';
  const snippets = useSnippetSearch(slashOpen ? slash : null);
  const mention = mode === 'note' ? mentionQuery(text, caret) : null;
  const mentionKey = mention ? `mention:${mention.start}` : null;
  const mentionText = mention?.query ?? null;
  const people = useMemo(() => (mentionText === null ? [] : filterCandidates(teammates, mentionText)), [mentionText, teammates]);
  const mentionOpen = mention !== null && dismissed !== mentionKey && people.length > 0;

  const menu: ComposerMenu | null = slashOpen
    ? { kind: 'slash', items: snippetSuggestions(snippets.items), snippets: snippets.items }
    : mentionOpen
      ? { kind: 'mention', items: people.map((c) => ({ key: String(c.id), label: c.name, description: c.email })), people, start: mention!.start }
      : null;
  const menuKey = slashOpen ? `slash:${slash}` : mentionOpen ? `mention:${mentionText}` : '';
  const active = activeState.key === menuKey ? activeState.index : 0;
  const setActive = (next: number | ((index: number) => number)) =>
    setActiveState((s) => ({ key: menuKey, index: typeof next === 'function' ? next(s.key === menuKey ? s.index : 0) : next }));

  return {
    menu,
    active,
    setActive,
    loading: slashOpen && snippets.loading,
    dismiss: () => setDismissed(menu?.kind === 'slash' ? 'slash' : mentionKey),
    reset: () => setDismissed(null),
  };
}
