import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/error-message';
import { useFormatTime } from '../../../app/format';
import { EmptyRow, QueryState } from '../../settings/settings-ui';
import { turnFilters, useBotTurns, useFlagTurn, type Turn, type TurnFilter } from '../bot-review.api';
import { confidencePercent } from '../confidence';
import { FlagModal } from './flag-modal';

const outcomeColor: Record<string, string> = { answered: 'teal', collected: 'teal', fallback: 'yellow', handoff: 'orange', delegated: 'blue', error: 'red' };

function Outcome({ turn }: { turn: Turn }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align="flex-start">
      <Badge size="sm" variant="light" color={outcomeColor[turn.outcome] ?? 'gray'}>
        {t(`bots.outcomes.${turn.outcome}`, { defaultValue: turn.outcome })}
      </Badge>
      {turn.handoffReason && (
        <Text size="xs" c="dimmed">
          {t(`bots.handoffReasons.${turn.handoffReason}`, { defaultValue: turn.handoffReason })}
        </Text>
      )}
    </Stack>
  );
}

/** A turn's mark: who marked the answer wrong and why, or nothing. */
function FlagNote({ turn }: { turn: Turn }) {
  const { t } = useTranslation();
  if (!turn.flagged) return null;
  return (
    <Stack gap={2} mt={4} data-testid="turn-flag">
      <Badge size="xs" color="red" variant="light">
        {t('bots.review.flaggedBadge')}
      </Badge>
      {turn.flagNote && (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {turn.flagNote}
        </Text>
      )}
      {turn.flaggedBy && (
        <Text size="xs" c="dimmed">
          {t('bots.review.flaggedBy', { name: turn.flaggedBy.name })}
        </Text>
      )}
    </Stack>
  );
}

/** The bot's answers, newest first, filtered; each can be marked wrong with a note, or unmarked. */
export function TurnList() {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const [filter, setFilter] = useState<TurnFilter>('all');
  const turns = useBotTurns(filter);
  const unflag = useFlagTurn();
  const [flagging, setFlagging] = useState<Turn | null>(null);
  const items = useMemo(() => turns.data?.pages.flatMap((page) => page.items) ?? [], [turns.data]);

  return (
    <Stack gap="sm">
      <SegmentedControl
        value={filter}
        onChange={(value) => setFilter(value as TurnFilter)}
        data={turnFilters.map((f) => ({ value: f, label: t(`bots.review.filters.${f}`) }))}
        aria-label={t('bots.review.filterLabel')}
        maw={560}
      />
      <QueryState query={turns}>
        {() => (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="xs" data-testid="turns-table" style={{ verticalAlign: 'top' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{t('bots.review.columns.conversation')}</Table.Th>
                  <Table.Th>{t('bots.review.columns.question')}</Table.Th>
                  <Table.Th>{t('bots.review.columns.answer')}</Table.Th>
                  <Table.Th w={160}>{t('bots.review.columns.intent')}</Table.Th>
                  <Table.Th w={120}>{t('bots.review.columns.outcome')}</Table.Th>
                  <Table.Th w={150} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && <EmptyRow colSpan={6}>{t('bots.review.empty')}</EmptyRow>}
                {items.map((turn) => (
                  <Table.Tr key={turn.id} data-testid="turn-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/conversations/${turn.conversationId}`} size="sm" aria-label={t('bots.review.open', { id: turn.conversationId })}>
                        #{turn.conversationId}
                      </Anchor>
                      <Text size="sm">{turn.contact.name}</Text>
                      <Text size="xs" c="dimmed">
                        {formatTime(turn.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {turn.question}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={turn.answer ? undefined : 'dimmed'} lineClamp={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {turn.answer || '—'}
                      </Text>
                      <FlagNote turn={turn} />
                    </Table.Td>
                    <Table.Td>
                      {turn.intent ? (
                        <Text size="sm">
                          {turn.intent.name}
                          {turn.confidence !== null && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              ({confidencePercent(turn.confidence)})
                            </Text>
                          )}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('bots.review.noIntent')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Outcome turn={turn} />
                    </Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        {turn.flagged ? (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            loading={unflag.isPending && unflag.variables?.id === turn.id}
                            onClick={() => unflag.mutate({ id: turn.id, note: null }, { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) })}
                          >
                            {t('bots.review.unflag')}
                          </Button>
                        ) : (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setFlagging(turn)}>
                            {t('bots.review.flag')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {turns.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={turns.isFetchingNextPage} onClick={() => void turns.fetchNextPage()}>
            {t('bots.review.loadMore')}
          </Button>
        </Group>
      )}
      <FlagModal turn={flagging} onClose={() => setFlagging(null)} />
    </Stack>
  );
}
