import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Box, Popover, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listSnippets, paneKeys, type Snippet } from '../conversation.api';
import { BoltIcon } from '../icons';
import { ResumesBotBadge } from './snippet-action';
import { normalize } from './triggers';
import { SuggestionList, type Suggestion } from './suggestion-list';

/**
 * Snippets matching what is typed: the server searches (debounced), and the list already shown is
 * narrowed at once on every key, so filtering feels instant.
 */
export function useSnippetSearch(query: string | null) {
  const [debounced] = useDebouncedValue(query ?? '', 150);
  const result = useQuery({
    queryKey: paneKeys.snippets(debounced),
    queryFn: ({ signal }) => listSnippets(debounced, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = useMemo(() => {
    const q = normalize(query ?? '');
    const all = result.data ?? [];
    if (!q) return all;
    return all.filter((s) => normalize(s.shortcut).includes(q) || normalize(s.title).includes(q) || normalize(s.body).includes(q));
  }, [result.data, query]);
  return { items, loading: result.isFetching && !result.data };
}

export const snippetSuggestions = (snippets: Snippet[]): Suggestion[] =>
  snippets.map((s) => ({
    key: String(s.id),
    label: (
      <>
        <Box component="span" c="teal.8">
          /{s.shortcut}
        </Box>{' '}
        {s.title}
        {s.action === 'resume_bot' && <ResumesBotBadge />}
      </>
    ),
    description: s.body,
  }));

/** The snippets button (and Ctrl+/ when the composer has text): a searchable list that inserts at the caret. */
export function SnippetPicker({ opened, onOpenChange, onPick, disabled }: { opened: boolean; onOpenChange: (o: boolean) => void; onPick: (s: Snippet) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { items, loading } = useSnippetSearch(opened ? query : null);
  useEffect(() => {
    if (!opened) setQuery('');
  }, [opened]);
  useEffect(() => setActive(0), [query]);
  const pick = (i: number) => {
    const s = items[i];
    if (s) onPick(s);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(active);
    }
  };
  return (
    <Popover opened={opened} onChange={onOpenChange} position="top-start" width={360} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Tooltip label={t('conversation.composer.snippets')} withinPortal>
          <ActionIcon variant="subtle" color="gray" aria-label={t('conversation.composer.snippets')} onClick={() => onOpenChange(!opened)} disabled={disabled}>
            <BoltIcon />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <TextInput
          size="xs"
          placeholder={t('conversation.composer.searchSnippets')}
          aria-label={t('conversation.composer.searchSnippets')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          data-autofocus
          mb={4}
        />
        <SuggestionList
          id="snippet-picker"
          label={t('conversation.composer.snippets')}
          items={snippetSuggestions(items)}
          active={active}
          loading={loading}
          empty={t('conversation.composer.noSnippets')}
          onPick={pick}
          onHover={setActive}
          floating={false}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
