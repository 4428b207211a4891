import { Alert, Badge, Button, Center, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../app/error-message';
import { useFormatTime } from '../../app/format';
import { conversationStatuses, listConversations, type ConversationListItem, type ConversationStatus } from './conversations.api';

const statusColor: Record<ConversationStatus, string> = {
  open: 'teal',
  queued: 'yellow',
  bot: 'violet',
  snoozed: 'blue',
  closed: 'gray',
};

const priorityColor: Record<string, string> = { low: 'gray', medium: 'blue', high: 'orange', urgent: 'red' };

const ALL = 'all';

/** A plain, paged list of conversations; the live inbox with views and filters comes with the dashboard issue. */
export function ConversationListPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  // The inbox opens on what needs attention: open conversations, unless another status is chosen.
  const status = statusParam === ALL ? undefined : conversationStatuses.find((s) => s === statusParam) ?? 'open';

  const list = useInfiniteQuery({
    queryKey: ['conversations', 'list', { status: status ?? null }],
    queryFn: ({ pageParam, signal }) => listConversations({ status }, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('conversations.title')}</Title>
        <Select
          label={t('conversations.status')}
          w={200}
          value={status ?? ALL}
          allowDeselect={false}
          onChange={(value) => setSearchParams(value && value !== 'open' ? { status: value } : {}, { replace: true })}
          data={[
            ...conversationStatuses.map((s) => ({ value: s, label: t(`conversations.statuses.${s}`) })),
            { value: ALL, label: t('conversations.allStatuses') },
          ]}
        />
      </Group>

      {list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, list.error)}{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center" data-testid="conversations-empty">
          {t('conversations.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="conversation-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conversations.columns.contact')}</Table.Th>
                <Table.Th>{t('conversations.columns.lastMessage')}</Table.Th>
                <Table.Th>{t('conversations.columns.channel')}</Table.Th>
                <Table.Th>{t('conversations.columns.assignment')}</Table.Th>
                <Table.Th>{t('conversations.columns.status')}</Table.Th>
                <Table.Th>{t('conversations.columns.lastActivity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <ConversationRow key={c.id} conversation={c} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {list.hasNextPage && (
        <Center>
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('conversations.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}

/** Everything a customer or an agent typed is rendered as text by React, never as HTML. */
function ConversationRow({ conversation: c }: { conversation: ConversationListItem }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const contactName = c.contact.name || c.contact.phone || t('conversations.unknownContact');
  return (
    <Table.Tr data-testid="conversation-row">
      <Table.Td maw={220}>
        <Group gap={6} wrap="nowrap">
          <Text fw={c.unreadCount > 0 ? 700 : 500} truncate>
            {contactName}
          </Text>
          {c.unreadCount > 0 && (
            <Badge size="sm" circle aria-label={t('conversations.unread', { count: c.unreadCount })}>
              {c.unreadCount}
            </Badge>
          )}
        </Group>
        {c.contact.name && c.contact.phone && (
          <Text size="xs" c="dimmed" truncate>
            {c.contact.phone}
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="sm" lineClamp={2}>
          {c.lastMessagePreview}
        </Text>
        {(c.tags.length > 0 || (c.priority && c.priority !== 'none')) && (
          <Group gap={4} mt={4}>
            {c.priority && c.priority !== 'none' && (
              <Badge size="xs" color={priorityColor[c.priority] ?? 'gray'} variant="light">
                {t(`conversations.priorities.${c.priority}`, { defaultValue: c.priority })}
              </Badge>
            )}
            {c.tags.map((tag) => (
              <Badge key={tag} size="xs" variant="outline" color="gray">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Table.Td>
      <Table.Td miw={110}>
        <Text size="sm">{c.channel.name}</Text>
        <Text size="xs" c="dimmed">
          {t(`channels.types.${c.channel.type}`, { defaultValue: c.channel.type })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.assignee?.name ?? t('conversations.unassigned')}</Text>
        {c.team && (
          <Text size="xs" c="dimmed">
            {c.team.name}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={130}>
        <Badge color={statusColor[c.status] ?? 'gray'} variant="light" style={{ overflow: 'visible' }}>
          {t(`conversations.statuses.${c.status}`, { defaultValue: c.status })}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatTime(c.lastActivityAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
