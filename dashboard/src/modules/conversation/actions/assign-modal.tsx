import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../inbox/conversations.api';
import { conversationActions } from '../conversation.api';
import { useDirectory } from '../conversation-queries';
import type { ConversationAction } from './use-conversation-action';

const NONE = 'none';

/**
 * Assign or transfer (seed 004): to a team's queue, to an agent of a team, or to any agent. With a
 * team chosen, the agent list shows that team's members.
 */
export function AssignModal({ conversation, opened, onClose, action }: { conversation: Conversation; opened: boolean; onClose: () => void; action: ConversationAction }) {
  const { t } = useTranslation();
  const { members, teams } = useDirectory();
  const [teamId, setTeamId] = useState<string>(NONE);
  const [assigneeId, setAssigneeId] = useState<string>(NONE);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (!opened) return;
    setTeamId(conversation.team ? String(conversation.team.id) : NONE);
    setAssigneeId(conversation.assignee ? String(conversation.assignee.id) : NONE);
    setReason('');
  }, [opened, conversation.team, conversation.assignee]);

  const team = teams.find((tm) => String(tm.id) === teamId) ?? null;
  const agents = useMemo(() => {
    const active = members.filter((m) => m.active);
    const inTeam = team ? active.filter((m) => team.memberIds.includes(m.id) || m.teamIds.includes(team.id)) : active;
    return inTeam.sort((a, b) => a.name.localeCompare(b.name));
  }, [members, team]);
  // An agent outside the chosen team cannot stay selected.
  useEffect(() => {
    if (assigneeId !== NONE && !agents.some((a) => String(a.id) === assigneeId)) setAssigneeId(NONE);
  }, [agents, assigneeId]);

  const statusLabel = (status?: string) => (status ? ` · ${t(`conversation.presence.${status}`)}` : '');
  const submit = () => {
    const nextTeam = teamId === NONE ? null : Number(teamId);
    const nextAssignee = assigneeId === NONE ? null : Number(assigneeId);
    action.mutate(
      {
        run: () => conversationActions.assign(conversation.id, { teamId: nextTeam, assigneeId: nextAssignee, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
        success: t('conversation.assign.done'),
      },
      { onSuccess: onClose },
    );
  };
  const unchanged = teamId === (conversation.team ? String(conversation.team.id) : NONE) && assigneeId === (conversation.assignee ? String(conversation.assignee.id) : NONE);

  return (
    <Modal opened={opened} onClose={onClose} title={t('conversation.assign.title')} centered>
      <Stack gap="sm">
        <Select
          label={t('conversation.assign.team')}
          data={[{ value: NONE, label: t('conversation.assign.noTeam') }, ...teams.map((tm) => ({ value: String(tm.id), label: tm.name }))]}
          value={teamId}
          onChange={(v) => setTeamId(v ?? NONE)}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="assign-team"
        />
        <Select
          label={t('conversation.assign.agent')}
          description={team ? t('conversation.assign.agentOfTeam', { team: team.name }) : undefined}
          data={[
            { value: NONE, label: team ? t('conversation.assign.teamQueue', { team: team.name }) : t('conversation.assign.nobody') },
            ...agents.map((a) => ({ value: String(a.id), label: `${a.name}${statusLabel(a.status)}` })),
          ]}
          value={assigneeId}
          onChange={(v) => setAssigneeId(v ?? NONE)}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="assign-agent"
        />
        <Textarea label={t('conversation.assign.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} maxRows={5} maxLength={500} />
        {team && assigneeId === NONE && (
          <Text size="xs" c="dimmed">
            {t('conversation.assign.queueHint')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('conversation.cancel')}
          </Button>
          <Button onClick={submit} loading={action.isPending} disabled={unchanged}>
            {t('conversation.assign.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
