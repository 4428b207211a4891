import { useMemo } from 'react';
import { Alert, Badge, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { useRealtimeStatus } from '../../app/realtime/realtime-provider';
import { useNow } from '../inbox/waiting-time';
import { boardKey, fetchBoard } from './board.api';
import { sortAgents } from './board-logic';
import { useBoardLive } from './use-board-live';
import { TeamCard } from './team-card';
import { AgentsTable } from './agents-table';

const liveColor = { live: 'green', connecting: 'gray', offline: 'red' } as const;

/**
 * The supervisor's live board (seed 003's "supervisión de sus agentes"): each team's queue with its longest wait ticking every
 * second, and every agent's status and load against their capacity, refetched as conversations move.
 */
export function LiveBoardPage() {
  const { t, i18n } = useTranslation();
  const board = useQuery({ queryKey: boardKey, queryFn: fetchBoard });
  useBoardLive();
  const now = useNow(1000);
  const live = useRealtimeStatus();
  const agents = useMemo(() => sortAgents(board.data?.agents ?? [], i18n.resolvedLanguage), [board.data, i18n.resolvedLanguage]);
  const noTeam = board.data?.noTeam;
  const forbidden = board.error instanceof ApiError && board.error.status === 403;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('board.title')}</Title>
        <Badge variant="dot" color={liveColor[live]} data-testid="board-live">{t(`board.live.${live}`)}</Badge>
      </Group>
      {board.isPending && <Loader size="sm" aria-label={t('board.loading')} />}
      {board.isError && <Alert color="red">{t(forbidden ? 'board.forbidden' : 'board.loadError')}</Alert>}
      {board.data && (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm">
            {board.data.teams.map((team) => (
              <TeamCard key={team.id} team={team} figures={team} receivedAt={board.dataUpdatedAt} now={now} />
            ))}
            {noTeam && (noTeam.waiting > 0 || noTeam.open > 0) && <TeamCard team={null} figures={noTeam} receivedAt={board.dataUpdatedAt} now={now} />}
          </SimpleGrid>
          {board.data.teams.length === 0 && <Text c="dimmed">{t('board.noTeamsYet')}</Text>}
          <Title order={4}>{t('board.agents')}</Title>
          <AgentsTable agents={agents} now={now} />
        </>
      )}
    </Stack>
  );
}
