import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoardTeam, QueueFigures } from './board.api';
import { waitStartedAt } from './board-logic';
import { useWaitText } from './wait-text';

const levelColor = { fresh: undefined, warning: 'orange.7', late: 'red.7' } as const;

interface TeamCardProps {
  /** A team, or null for the conversations of no team. */
  team: BoardTeam | null;
  figures: QueueFigures;
  /** When this browser received the board: the wait keeps counting from there. */
  receivedAt: number;
  now: number;
}

/** One queue: how many wait, for how long the oldest (ticking), who is online to serve it, and how many are open. */
export function TeamCard({ team, figures, receivedAt, now }: TeamCardProps) {
  const { t } = useTranslation();
  const waitText = useWaitText();
  const wait = waitText(waitStartedAt(figures.longestWaitSeconds, receivedAt), now);
  const name = team ? team.name : t('board.noTeam');
  return (
    <Card component="section" withBorder radius="md" padding="md" data-testid="team-card" aria-label={name}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} truncate>{name}</Text>
        {team && <Badge variant="light" color="gray" size="sm">{t(`board.policy.${team.policy}`)}</Badge>}
      </Group>
      <Group mt="sm" gap="xl" align="flex-start">
        <Stack gap={0}>
          <Text fz={28} fw={700} lh={1.1} data-testid="waiting-count" c={figures.waiting > 0 ? undefined : 'dimmed'}>{figures.waiting}</Text>
          <Text size="xs" c="dimmed">{t('board.waiting')}</Text>
        </Stack>
        <Stack gap={0}>
          <Text fz={28} fw={700} lh={1.1} data-testid="longest-wait" data-level={wait?.level} c={wait ? levelColor[wait.level] : 'dimmed'}>
            {wait ? wait.text : '—'}
          </Text>
          <Text size="xs" c="dimmed">{t('board.longestWait')}</Text>
        </Stack>
      </Group>
      <Group mt="sm" gap="md" justify="space-between">
        <Text size="sm" c="dimmed">
          {team ? `${t('board.agentsOnline', { online: team.agentsOnline, members: team.members })} · ` : ''}
          {t('board.openCount', { count: figures.open })}
        </Text>
        {figures.oldestWaitingId !== null && (
          <Anchor component={Link} to={`/conversations/${figures.oldestWaitingId}`} size="sm">{t('board.openOldest')}</Anchor>
        )}
      </Group>
    </Card>
  );
}
