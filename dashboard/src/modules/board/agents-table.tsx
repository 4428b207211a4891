import { Avatar, Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatTime } from '../../app/format';
import { presenceColor } from '../presence/presence-status';
import type { BoardAgent } from './board.api';
import { load } from './board-logic';
import { useWaitText } from './wait-text';

const badgeColor = (status: BoardAgent['status']) => presenceColor[status].split('.')[0];

function StatusCell({ agent, now }: { agent: BoardAgent; now: number }) {
  const { t } = useTranslation();
  const waitText = useWaitText();
  const formatTime = useFormatTime();
  const idle = agent.status === 'away' ? waitText(agent.idleSince, now) : null;
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={badgeColor(agent.status)} variant="light" data-status={agent.status}>{t(`presence.status.${agent.status}`)}</Badge>
      {idle && <Text size="xs" c="dimmed">{t('board.idleFor', { time: idle.text })}</Text>}
      {agent.status === 'offline' && agent.lastSeenAt && <Text size="xs" c="dimmed">{t('board.lastSeen', { time: formatTime(agent.lastSeenAt) })}</Text>}
    </Stack>
  );
}

function LoadCell({ agent }: { agent: BoardAgent }) {
  const { t } = useTranslation();
  const { percent, full } = load(agent.open, agent.maxConversations);
  return (
    <Stack gap={4} miw={120}>
      <Text size="sm" data-testid="agent-load">
        {agent.maxConversations === null ? t('board.load.noLimit', { open: agent.open }) : `${agent.open} / ${agent.maxConversations}`}
        {agent.snoozed > 0 && <Text span size="xs" c="dimmed">{` · ${t('board.load.snoozed', { count: agent.snoozed })}`}</Text>}
      </Text>
      {percent !== null && (
        <Progress
          value={percent}
          color={full ? 'red' : percent >= 75 ? 'yellow' : 'teal'}
          size="sm"
          aria-label={t('board.load.label', { open: agent.open, capacity: agent.maxConversations })}
          data-full={full}
        />
      )}
    </Stack>
  );
}

function TeamsCell({ agent }: { agent: BoardAgent }) {
  const { t } = useTranslation();
  if (agent.teams.length === 0) return <Text size="sm" c="dimmed">{t('board.noTeams')}</Text>;
  return (
    <Group gap={4}>
      {agent.teams.map((team) => {
        const full = team.maxPerAgent !== null && team.open >= team.maxPerAgent;
        return (
          <Badge key={team.id} variant="outline" color={full ? 'red' : 'gray'} tt="none" title={team.maxPerAgent === null ? undefined : t('board.teamLimit', { max: team.maxPerAgent })}>
            {team.maxPerAgent === null ? team.name : `${team.name} ${team.open}/${team.maxPerAgent}`}
          </Badge>
        );
      })}
    </Group>
  );
}

/** Every active member: status (and since when), open conversations against capacity, and teams. */
export function AgentsTable({ agents, now }: { agents: BoardAgent[]; now: number }) {
  const { t } = useTranslation();
  if (agents.length === 0) return <Text c="dimmed">{t('board.noAgents')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="agents-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('board.columns.agent')}</Table.Th>
            <Table.Th>{t('board.columns.status')}</Table.Th>
            <Table.Th>{t('board.columns.load')}</Table.Th>
            <Table.Th>{t('board.columns.teams')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => (
            <Table.Tr key={agent.id} data-testid="agent-row" data-agent-id={agent.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Avatar src={agent.avatarUrl} name={agent.name} size="sm" radius="xl" color="initials" />
                  <Stack gap={0}>
                    <Text size="sm" fw={500} data-testid="agent-name">{agent.name}</Text>
                    <Text size="xs" c="dimmed">{t(`board.roles.${agent.role}`)}</Text>
                  </Stack>
                </Group>
              </Table.Td>
              <Table.Td><StatusCell agent={agent} now={now} /></Table.Td>
              <Table.Td><LoadCell agent={agent} /></Table.Td>
              <Table.Td><TeamsCell agent={agent} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
