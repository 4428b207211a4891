import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Avatar, Button, Group, Modal, MultiSelect, Stack, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { initials } from '../../app/shell/user-menu';
import type { FieldErrors } from '../auth/validation';
import { serverErrors } from './form-errors';
import { useMembers, type Member } from './members.api';
import { useSettingsAccess } from './settings-access';
import { ConfirmMutation, EmptyRow, FormActions, QueryState, SettingsSection } from './settings-ui';
import { validateTeam } from './settings-validation';
import { useDeleteTeam, useSaveTeam, useSetTeamMembers, useTeams, type Team } from './teams.api';
import { TeamRoutingModal } from './team-routing-modal';

type Field = 'name' | 'description';

/** Create or rename a team (`team` null: a new one). */
function TeamModal({ opened, team, onClose }: { opened: boolean; team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTeam();
  const [form, setForm] = useState({ name: '', description: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm({ name: team?.name ?? '', description: team?.description ?? '' });
    setErrors({});
    setError(null);
  }, [opened, team]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateTeam(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { id: team?.id, name: form.name.trim(), description: form.description.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('settings.saved') });
          onClose();
        },
        onError: (err) => {
          const result = serverErrors(t, err, ['name', 'description'] as const, { conflictField: 'name' });
          setErrors(result.fieldErrors);
          setError(result.message);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={team ? t('settings.teams.editTitle') : t('settings.teams.createTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('settings.teams.name')}
            value={form.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setForm((f) => ({ ...f, name }));
              setErrors((x) => ({ ...x, name: undefined }));
            }}
            error={errors.name}
            required
            data-autofocus
          />
          <Textarea
            label={t('settings.teams.descriptionLabel')}
            value={form.description}
            onChange={(e) => {
              const description = e.currentTarget.value;
              setForm((f) => ({ ...f, description }));
            }}
            error={errors.description}
            autosize
            minRows={2}
          />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel={team ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}

function MembersModal({ team, members, onClose }: { team: Team | null; members: Member[]; onClose: () => void }) {
  const { t } = useTranslation();
  const setMembers = useSetTeamMembers();
  const [ids, setIds] = useState<string[]>([]);
  const { reset } = setMembers;
  useEffect(() => {
    if (team) setIds(team.memberIds.map(String));
    reset();
  }, [team, reset]);
  // Deactivated people stay listed while they are members, so saving does not silently drop them.
  const options = members
    .filter((m) => m.active || team?.memberIds.includes(m.id))
    .map((m) => ({ value: String(m.id), label: m.active ? m.name : `${m.name} (${t('settings.users.deactivated')})` }));
  return (
    <Modal opened={team !== null} onClose={onClose} title={t('settings.teams.membersTitle', { name: team?.name ?? '' })} centered>
      <Stack gap="sm">
        {setMembers.error && (
          <Alert color="red" role="alert">
            {errorMessage(t, setMembers.error)}
          </Alert>
        )}
        <MultiSelect
          label={t('settings.teams.members')}
          data={options}
          value={ids}
          onChange={setIds}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          data-autofocus
        />
        <Text size="xs" c="dimmed">
          {t('settings.teams.membersHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('settings.cancel')}
          </Button>
          <Button
            loading={setMembers.isPending}
            onClick={() =>
              team &&
              setMembers.mutate(
                { id: team.id, userIds: ids.map(Number) },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('settings.saved') });
                    onClose();
                  },
                },
              )
            }
          >
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Teams are the queues conversations wait in; members take from their teams' queues. */
export function TeamsSettings() {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const teams = useTeams();
  const members = useMembers();
  const remove = useDeleteTeam();
  const [editing, setEditing] = useState<Team | null | 'new'>(null);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [configuring, setConfiguring] = useState<Team | null>(null);
  const people = members.data ?? [];

  return (
    <SettingsSection
      title={t('settings.nav.teams')}
      description={t('settings.teams.description')}
      readOnly={!isAdmin}
      actions={isAdmin && <Button onClick={() => setEditing('new')}>{t('settings.teams.create')}</Button>}
    >
      <QueryState query={teams}>
        {() => (
          <Table verticalSpacing="xs" highlightOnHover data-testid="teams-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.teams.name')}</Table.Th>
                <Table.Th>{t('settings.teams.members')}</Table.Th>
                {isAdmin && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data!.length === 0 && <EmptyRow colSpan={isAdmin ? 3 : 2}>{t('settings.teams.empty')}</EmptyRow>}
              {teams.data!.map((team) => {
                const teamMembers = team.memberIds.map((id) => people.find((p) => p.id === id)).filter((m): m is Member => Boolean(m));
                return (
                  <Table.Tr key={team.id} data-testid="team-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {team.name}
                      </Text>
                      {team.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {team.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Tooltip.Group>
                          <Avatar.Group spacing="xs">
                            {teamMembers.slice(0, 5).map((m) => (
                              <Tooltip key={m.id} label={m.name} withArrow>
                                <Avatar src={m.avatarUrl} radius="xl" size="sm" color="teal" alt={m.name}>
                                  {initials(m.name)}
                                </Avatar>
                              </Tooltip>
                            ))}
                          </Avatar.Group>
                        </Tooltip.Group>
                        <Text size="sm" c="dimmed">
                          {t('settings.teams.memberCount', { count: team.memberIds.length })}
                        </Text>
                      </Group>
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setConfiguring(team)} data-testid="team-configure">
                            {t('settings.teams.configure')}
                          </Button>
                          <Button size="compact-xs" variant="subtle" onClick={() => setMembersOf(team)}>
                            {t('settings.teams.members')}
                          </Button>
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(team)}>
                            {t('settings.edit')}
                          </Button>
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(team)}>
                            {t('settings.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <TeamModal opened={editing !== null} team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <MembersModal team={membersOf} members={people} onClose={() => setMembersOf(null)} />
      <TeamRoutingModal team={configuring} onClose={() => setConfiguring(null)} />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        describeError={(error) => (error instanceof ApiError && error.status === 409 ? t('settings.teams.deleteConflict') : null)}
        title={t('settings.teams.deleteTitle')}
        message={t('settings.teams.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
