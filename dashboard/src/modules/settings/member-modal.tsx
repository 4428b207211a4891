import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AccessLevel, Role } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { accessLevels, roles, useUpdateMember, type Member } from './members.api';
import type { Team } from './teams.api';

/** Role, access level and teams of one member. */
export function MemberModal({ member, onClose, teams, isOwner }: { member: Member | null; onClose: () => void; teams: Team[]; isOwner: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateMember();
  const [role, setRole] = useState<Role>('agent');
  const [accessLevel, setAccessLevel] = useState<AccessLevel>('all');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [maxConversations, setMaxConversations] = useState<number | ''>('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!member) return;
    setRole(member.role);
    setAccessLevel(member.accessLevel);
    setTeamIds(member.teamIds.map(String));
    setMaxConversations(member.maxConversations ?? '');
    setError(null);
  }, [member]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!member) return;
    update.mutate(
      { id: member.id, role, accessLevel, teamIds: teamIds.map(Number), maxConversations: maxConversations === '' ? null : maxConversations },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('settings.saved') });
          onClose();
        },
        onError: (err) => setError(errorMessage(t, err)),
      },
    );
  };

  return (
    <Modal opened={member !== null} onClose={onClose} title={t('settings.users.editTitle', { name: member?.name ?? '' })} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {member?.email}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group grow align="flex-start">
            <Select
              label={t('settings.users.role')}
              value={role}
              allowDeselect={false}
              data={roles.filter((r) => r !== 'owner' || isOwner).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              onChange={(value) => value && setRole(value as Role)}
              description={t(`settings.users.roleHint.${role}`)}
            />
            <Select
              label={t('settings.users.accessLevel')}
              value={accessLevel}
              allowDeselect={false}
              data={accessLevels.map((a) => ({ value: a, label: t(`settings.accessLevels.${a}`) }))}
              onChange={(value) => value && setAccessLevel(value as AccessLevel)}
              description={t(`settings.accessLevelHints.${accessLevel}`)}
            />
          </Group>
          <MultiSelect
            label={t('settings.users.teams')}
            placeholder={teams.length ? t('settings.users.pickTeams') : t('settings.users.noTeams')}
            data={teams.map((team) => ({ value: String(team.id), label: team.name }))}
            value={teamIds}
            onChange={setTeamIds}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
          />
          <NumberInput
            label={t('settings.users.maxConversations')}
            description={t('settings.users.maxConversationsHint')}
            placeholder={t('settings.teams.routing.noLimit')}
            min={1}
            max={500}
            allowDecimal={false}
            value={maxConversations}
            onChange={(v) => setMaxConversations(v === '' ? '' : Number(v))}
            data-testid="member-max-conversations"
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('settings.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
