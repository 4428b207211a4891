import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormatTime } from '../../../app/format';
import { useRealtimeEvent } from '../../../app/realtime/realtime-provider';
import { byLabel, placementLabel } from './transfers-export';
import { transferKeys, useConversationTransfers, type Transfer } from './transfers.api';

/** Transfers as lines: when, from → to, by whom and why (seed 004). */
export function TransferList({ transfers }: { transfers: Transfer[] }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  return (
    <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
      {transfers.map((x) => (
        <li key={x.id} data-testid="transfer-line">
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {formatTime(x.at)}
            </Text>{' '}
            {placementLabel(x.from, t)} → {placementLabel(x.to, t)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('reports.transfers.byName', { name: byLabel(x.by, t) })}
            {x.reason ? ` · ${t('reports.transfers.reasonQuoted', { reason: x.reason })}` : ''}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

/**
 * A conversation's transfers, oldest first, for its side panel. Refreshes when the conversation is
 * moved (inside a RealtimeProvider; elsewhere it shows what it loaded).
 */
export function ConversationTransfers({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const transfers = useConversationTransfers(conversationId);
  useRealtimeEvent((event) => {
    if (event.conversationId === conversationId && (event.type === 'conversation.transferred' || event.type === 'conversation.assigned')) {
      void queryClient.invalidateQueries({ queryKey: transferKeys.conversation(conversationId) });
    }
  });
  return (
    <Stack gap="xs" data-testid="conversation-transfers">
      <Text size="sm" fw={600}>
        {t('reports.conversationTransfers.title')}
      </Text>
      {transfers.isPending ? (
        <Loader size="xs" aria-label={t('reports.conversationTransfers.loading')} />
      ) : transfers.isError ? (
        <Alert color="red" p="xs">
          {t('reports.conversationTransfers.loadError')}
        </Alert>
      ) : transfers.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.conversationTransfers.empty')}
        </Text>
      ) : (
        <TransferList transfers={transfers.data} />
      )}
    </Stack>
  );
}
