import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref, type WheelEvent } from 'react';
import { Box, Button, Center, Divider, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { deleteMessage, paneKeys, retryMessage, type Message } from '../conversation.api';
import { addToTimeline, useDirectory, useTimeline } from '../conversation-queries';
import { ArrowDownIcon } from '../icons';
import { asDeleted, buildRows, flattenTimeline, patchMessage, type TimelineData, type TimelineRow } from './timeline-data';
import { TimelineEntry, type EntryContext } from './message-entry';

export interface TimelineHandle {
  scrollToEnd: () => void;
}

interface TimelineProps {
  conversationId: number;
  contactName: string;
  meId: number;
  mayDeleteAny: boolean;
  handleRef?: Ref<TimelineHandle>;
}

/**
 * The whole timeline, virtualised (only the rows in view are in the DOM, so 500 messages stay smooth).
 * It opens at the bottom, follows new entries while the reader is at the bottom, keeps its place when
 * older pages load above (scrolling up loads them) and offers a jump to the newest otherwise.
 */
export function Timeline({ conversationId, contactName, meId, mayDeleteAny, handleRef }: TimelineProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  const queryClient = useQueryClient();
  const timeline = useTimeline(conversationId);
  const directory = useDirectory();
  const messages = useMemo(() => flattenTimeline(timeline.data), [timeline.data]);
  const rows = useMemo(() => buildRows(messages), [messages]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const lastKey = useRef<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Message | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'day' ? 36 : rows[i]?.type === 'entry' && (rows[i] as Extract<TimelineRow, { type: 'entry' }>).message.kind === 'activity' ? 28 : 76),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 10,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 48,
  });

  // The first page opens at the newest entry (the list is not mounted while loading, so "follow on
  // append" cannot do it).
  const openedAtEnd = useRef(false);
  useLayoutEffect(() => {
    if (openedAtEnd.current || rows.length === 0 || !scrollRef.current) return;
    openedAtEnd.current = true;
    virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  const scrollToEnd = useCallback(() => {
    if (rows.length) virtualizer.scrollToEnd();
    setUnseen(0);
  }, [rows.length, virtualizer]);
  useImperativeHandle(handleRef, () => ({ scrollToEnd }), [scrollToEnd]);

  // New entries while the reader is scrolled up: count them for the "new messages" button.
  useEffect(() => {
    const last = rows.at(-1)?.key ?? null;
    if (last && lastKey.current && last !== lastKey.current && !atEnd) setUnseen((n) => n + 1);
    lastKey.current = last;
  }, [rows, atEnd]);

  const items = virtualizer.getVirtualItems();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;
  const loadOlder = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A first page shorter than the view: load more until it scrolls (or there is nothing older).
  const totalSize = virtualizer.getTotalSize();
  useEffect(() => {
    const el = scrollRef.current;
    if (el && rows.length && totalSize < el.clientHeight) loadOlder();
  }, [totalSize, rows.length, loadOlder]);

  // At the very top the wheel fires no scroll event: asking for older entries there loads them too.
  const onWheel = (e: WheelEvent) => {
    if (e.deltaY < 0 && (scrollRef.current?.scrollTop ?? 0) < 400) loadOlder();
  };

  const onScroll = () => {
    const el = scrollRef.current;
    if (el && el.scrollTop < 400) loadOlder();
    const end = virtualizer.isAtEnd(48);
    if (end !== atEnd) setAtEnd(end);
    if (end && unseen) setUnseen(0);
  };

  const retry = useMutation({
    mutationFn: (m: Message) => retryMessage(m.id),
    onSuccess: (fresh, old) => {
      queryClient.setQueryData<TimelineData>(paneKeys.timeline(conversationId), (d) => patchMessage(d, old.id, (m) => ({ ...m, meta: { ...m.meta, retriedBy: fresh.id } })));
      addToTimeline(queryClient, fresh);
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }),
  });
  const remove = useMutation({
    mutationFn: (m: Message) => deleteMessage(m.id),
    onSuccess: ({ id, deletedAt }) => {
      queryClient.setQueryData<TimelineData>(paneKeys.timeline(conversationId), (d) => patchMessage(d, id, asDeleted(deletedAt)));
      setConfirmDelete(null);
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }),
  });

  const formatters = useMemo(
    () => ({
      time: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
      full: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }),
      day: new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      short: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
    }),
    [language],
  );
  const ctx: EntryContext = useMemo(
    () => ({
      contactName,
      meId,
      mayDeleteAny,
      userName: directory.userName,
      teamName: directory.teamName,
      language,
      formatDate: (iso) => formatters.short.format(new Date(iso)),
      timeOf: (iso) => formatters.time.format(new Date(iso)),
      fullTimeOf: (iso) => formatters.full.format(new Date(iso)),
      onDelete: setConfirmDelete,
      onRetry: (m) => retry.mutate(m),
      retryingId: retry.isPending ? (retry.variables?.id ?? null) : null,
    }),
    [contactName, meId, mayDeleteAny, directory, language, formatters, retry.isPending, retry.variables],
  );

  const dayLabel = (row: Extract<TimelineRow, { type: 'day' }>) => {
    const today = new Date();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    const date = new Date(row.iso);
    if (date.toDateString() === today.toDateString()) return t('conversation.timeline.today');
    if (date.toDateString() === yesterday.toDateString()) return t('conversation.timeline.yesterday');
    return formatters.day.format(date);
  };

  if (timeline.isPending) {
    return (
      <Center h="100%">
        <Loader size="sm" aria-label={t('conversation.timeline.loading')} />
      </Center>
    );
  }
  if (timeline.isError) {
    return (
      <Center h="100%">
        <Stack align="center" gap="xs">
          <Text c="red" size="sm">
            {errorMessage(t, timeline.error)}
          </Text>
          <Button size="xs" variant="light" onClick={() => void timeline.refetch()}>
            {t('conversation.retryLoad')}
          </Button>
        </Stack>
      </Center>
    );
  }

  return (
    <Box pos="relative" h="100%">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        onWheel={onWheel}
        style={{ height: '100%', overflowY: 'auto', overflowX: 'hidden', contain: 'strict', overflowAnchor: 'none' }}
        role="log"
        aria-live="polite"
        aria-label={t('conversation.timeline.label')}
        data-testid="timeline"
      >
        {isFetchingNextPage && (
          <Center py="xs" style={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 1 }}>
            <Loader size="xs" />
          </Center>
        )}
        {rows.length === 0 && (
          <Center h="100%">
            <Text c="dimmed" size="sm">
              {t('conversation.timeline.empty')}
            </Text>
          </Center>
        )}
        <div style={{ height: virtualizer.getTotalSize(), width: '100%', position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                {row.type === 'day' ? (
                  <Divider my="xs" mx="md" labelPosition="center" label={<Text size="xs" c="dimmed">{dayLabel(row)}</Text>} />
                ) : (
                  <TimelineEntry message={row.message} continued={row.continued} ctx={ctx} />
                )}
                {item.index === rows.length - 1 && <Box h={8} />}
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd && (
        <Group justify="center" style={{ position: 'absolute', bottom: 12, left: 0, right: 0, pointerEvents: 'none' }}>
          <Button size="compact-sm" radius="xl" variant={unseen ? 'filled' : 'default'} leftSection={<ArrowDownIcon size={14} />} onClick={scrollToEnd} style={{ pointerEvents: 'auto' }}>
            {unseen ? t('conversation.timeline.newMessages', { count: unseen }) : t('conversation.timeline.toLatest')}
          </Button>
        </Group>
      )}
      <Modal opened={confirmDelete !== null} onClose={() => setConfirmDelete(null)} title={t('conversation.timeline.deleteTitle')} centered>
        <Text size="sm">{confirmDelete?.kind === 'note' ? t('conversation.timeline.deleteNoteBody') : t('conversation.timeline.deleteMessageBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmDelete(null)}>
            {t('conversation.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => confirmDelete && remove.mutate(confirmDelete)} data-autofocus>
            {t('conversation.timeline.delete')}
          </Button>
        </Group>
      </Modal>
    </Box>
  );
}
