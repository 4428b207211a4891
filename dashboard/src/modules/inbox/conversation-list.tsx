import { Alert, Button, Center, Loader, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import type { Conversation } from './conversations.api';
import { ConversationRow } from './conversation-row';
import { useNow } from './waiting-time';

export interface ConversationListProps {
  items: Conversation[];
  status: 'pending' | 'error' | 'success';
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  retry: () => void;
  hrefFor: (id: number) => string;
  selectedId: number | null;
  flagged: ReadonlySet<number>;
  showStatus: boolean;
  filtered: boolean;
}

/** The list column's body: rows, keyset infinite scroll (a sentinel near the end loads the next page). */
export function ConversationList(props: ConversationListProps) {
  const { t } = useTranslation();
  const { items, status, hasNextPage, isFetchingNextPage, fetchNextPage, selectedId } = props;
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const more = useRef({ hasNextPage, isFetchingNextPage, fetchNextPage });
  more.current = { hasNextPage, isFetchingNextPage, fetchNextPage };

  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const m = more.current;
        if (entries.some((e) => e.isIntersecting) && m.hasNextPage && !m.isFetchingNextPage) m.fetchNextPage();
      },
      { root: scrollRef.current, rootMargin: '0px 0px 400px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
    // Observing afresh after each page reports the sentinel again if it is still in view (a tall screen).
  }, [status, items.length]);

  // Keep the selected row in view when moving with the keyboard.
  useEffect(() => {
    if (selectedId === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-conversation-id="${selectedId}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  if (status === 'pending') {
    return (
      <Center py="xl" className="atiende-inbox-scroll">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (status === 'error') {
    return (
      <div className="atiende-inbox-scroll">
        <Alert color="red" role="alert" m="sm">
          {errorMessage(t, props.error)}{' '}
          <Button variant="subtle" size="compact-sm" onClick={props.retry}>
            {t('common.retry')}
          </Button>
        </Alert>
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <div className="atiende-inbox-scroll">
        <Text c="dimmed" py="xl" px="md" ta="center" size="sm" data-testid="conversations-empty">
          {props.filtered ? t('inbox.list.emptyFiltered') : t('inbox.list.empty')}
        </Text>
      </div>
    );
  }
  return (
    <div className="atiende-inbox-scroll" ref={scrollRef}>
      <nav aria-label={t('inbox.list.label')} data-testid="conversation-list">
        {items.map((c) => (
          <ConversationRow
            key={c.id}
            conversation={c}
            to={props.hrefFor(c.id)}
            selected={c.id === selectedId}
            flagged={props.flagged.has(c.id)}
            showStatus={props.showStatus}
            now={now}
          />
        ))}
      </nav>
      <div ref={sentinelRef} aria-hidden style={{ height: 1 }} />
      {hasNextPage ? (
        <Center py="sm">
          {isFetchingNextPage ? (
            <Loader size="sm" aria-label={t('inbox.list.loadingMore')} />
          ) : (
            <Button variant="subtle" size="compact-sm" onClick={fetchNextPage}>
              {t('inbox.list.loadMore')}
            </Button>
          )}
        </Center>
      ) : (
        <Text size="xs" c="dimmed" ta="center" py="sm">
          {t('inbox.list.end')}
        </Text>
      )}
    </div>
  );
}
