import { useMemo, useState } from 'react';
import { Avatar, Badge, Button, Group, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { useFormatTime } from '../../app/format';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { initials } from '../../app/shell/user-menu';
import { isPresenceStatus } from '../presence/presence-status';
import { StatusDot } from '../presence/status-dot';
import { InviteModal } from './invite-modal';
import { MemberModal } from './member-modal';
import { memberKeys, useInvitations, useMembers, useRevokeInvitation, useUpdateMember, type Invitation, type Member } from './members.api';
import { useSettingsAccess } from './settings-access';
import { ConfirmModal, EmptyRow, QueryState, SettingsSection, ConfirmMutation } from './settings-ui';
import { useTeams, type Team } from './teams.api';

/** Active people first, then by name; a search matches name or e-mail, accents and case aside. */
export function filterMembers(members: Member[], search: string): Member[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(search.trim());
  return members
    .filter((m) => !q || fold(m.name).includes(q) || fold(m.email).includes(q))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}

function TeamBadges({ ids, teams }: { ids: number[]; teams: Team[] }) {
  const names = ids.map((id) => teams.find((team) => team.id === id)?.name).filter(Boolean);
  if (!names.length) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {names.map((name) => (
        <Badge key={name} variant="light" color="gray" size="sm" style={{ textTransform: 'none' }}>
          {name}
        </Badge>
      ))}
    </Group>
  );
}

function PendingInvitations({ teams }: { teams: Team[] }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  return (
    <Stack gap="xs">
      <Title order={4}>{t('settings.users.pending')}</Title>
      <QueryState query={invitations}>
        {() => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="invitations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.email')}</Table.Th>
                  <Table.Th>{t('settings.users.role')}</Table.Th>
                  <Table.Th>{t('settings.users.accessLevel')}</Table.Th>
                  <Table.Th>{t('settings.users.teams')}</Table.Th>
                  <Table.Th>{t('settings.users.expires')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.data!.length === 0 && <EmptyRow colSpan={6}>{t('settings.users.noPending')}</EmptyRow>}
                {invitations.data!.map((invitation) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>
                      <Text size="sm">{invitation.email}</Text>
                      {invitation.name && (
                        <Text size="xs" c="dimmed">
                          {invitation.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                    <Table.Td>{t(`settings.accessLevels.${invitation.accessLevel}`)}</Table.Td>
                    <Table.Td>
                      <TeamBadges ids={invitation.teamIds} teams={teams} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatTime(invitation.expiresAt)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRevoking(invitation)}>
                        {t('settings.users.revoke')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <ConfirmMutation
        target={revoking}
        mutation={revoke}
        onDone={() => setRevoking(null)}
        title={t('settings.users.revokeTitle')}
        message={t('settings.users.revokeConfirm', { email: revoking?.email ?? '' })}
        confirmLabel={t('settings.users.revoke')}
      />
    </Stack>
  );
}

/** Members with role, access level, teams and status; invitations; changes by admins. */
export function UsersSettings() {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const queryClient = useQueryClient();
  const { me, isAdmin, isOwner } = useSettingsAccess();
  const members = useMembers();
  const teams = useTeams();
  const update = useUpdateMember();
  const [search, setSearch] = useState('');
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [toggling, setToggling] = useState<Member | null>(null);

  useRealtimeEvent((event) => {
    if (event.type === 'user.status_changed') {
      const { userId, status } = event.payload as { userId?: number; status?: unknown };
      if (!isPresenceStatus(status)) return;
      queryClient.setQueryData<Member[]>(memberKeys.members, (list) => list?.map((m) => (m.id === userId ? { ...m, status } : m)));
    } else if (event.type.startsWith('user.') || event.type.startsWith('member.')) {
      void queryClient.invalidateQueries({ queryKey: memberKeys.members });
    } else if (event.type.startsWith('invitation.')) {
      void queryClient.invalidateQueries({ queryKey: memberKeys.invitations });
      void queryClient.invalidateQueries({ queryKey: memberKeys.members });
    }
  });

  const teamList = teams.data ?? [];
  const visible = useMemo(() => filterMembers(members.data ?? [], search), [members.data, search]);

  const mayChange = (member: Member) => isAdmin && (member.role !== 'owner' || isOwner);

  return (
    <SettingsSection
      title={t('settings.nav.users')}
      description={t('settings.users.description')}
      readOnly={!isAdmin}
      actions={isAdmin && <Button onClick={() => setInviting(true)}>{t('settings.users.invite')}</Button>}
    >
      <TextInput placeholder={t('settings.users.search')} aria-label={t('settings.users.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
      <QueryState query={members}>
        {() => (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="members-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.users.person')}</Table.Th>
                  <Table.Th>{t('settings.users.role')}</Table.Th>
                  <Table.Th>{t('settings.users.accessLevel')}</Table.Th>
                  <Table.Th>{t('settings.users.teams')}</Table.Th>
                  <Table.Th>{t('settings.users.status')}</Table.Th>
                  {isAdmin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visible.length === 0 && <EmptyRow colSpan={isAdmin ? 6 : 5}>{t('common.nothingFound')}</EmptyRow>}
                {visible.map((member) => (
                  <Table.Tr key={member.id} data-testid="member-row" style={{ opacity: member.active ? 1 : 0.6 }}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Avatar src={member.avatarUrl} radius="xl" size="sm" color="teal" alt="">
                          {initials(member.name)}
                        </Avatar>
                        <div style={{ minWidth: 0 }}>
                          <Text size="sm" fw={500} truncate>
                            {member.name}
                            {member.id === me?.user.id && (
                              <Text span size="xs" c="dimmed">
                                {' '}
                                {t('settings.users.you')}
                              </Text>
                            )}
                          </Text>
                          <Text size="xs" c="dimmed" truncate>
                            {member.email}
                          </Text>
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`roles.${member.role}`)}</Table.Td>
                    <Table.Td>{t(`settings.accessLevels.${member.accessLevel}`)}</Table.Td>
                    <Table.Td>
                      <TeamBadges ids={member.teamIds} teams={teamList} />
                    </Table.Td>
                    <Table.Td>
                      {!member.active ? (
                        <Badge color="gray" variant="outline" size="sm">
                          {t('settings.users.deactivated')}
                        </Badge>
                      ) : (
                        <Group gap={6} wrap="nowrap">
                          <StatusDot status={member.status ?? 'offline'} />
                          <div>
                            <Text size="sm">{t(`presence.status.${member.status ?? 'offline'}`)}</Text>
                            {(member.status ?? 'offline') === 'offline' && member.lastSeenAt && (
                              <Text size="xs" c="dimmed">
                                {t('settings.users.lastSeen', { time: formatTime(member.lastSeenAt) })}
                              </Text>
                            )}
                          </div>
                        </Group>
                      )}
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label={t('settings.users.ownerOnly')} disabled={mayChange(member)}>
                            <Button size="compact-xs" variant="subtle" disabled={!mayChange(member)} onClick={() => setEditing(member)}>
                              {t('settings.edit')}
                            </Button>
                          </Tooltip>
                          {member.id !== me?.user.id && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color={member.active ? 'red' : 'teal'}
                              disabled={!mayChange(member)}
                              onClick={() => setToggling(member)}
                            >
                              {member.active ? t('settings.users.deactivate') : t('settings.users.reactivate')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>

      {isAdmin && <PendingInvitations teams={teamList} />}

      {isAdmin && <InviteModal opened={inviting} onClose={() => setInviting(false)} teams={teamList} canInviteOwner={isOwner} />}
      <MemberModal member={editing} onClose={() => setEditing(null)} teams={teamList} isOwner={isOwner} />
      <ConfirmModal
        opened={toggling !== null}
        title={toggling?.active ? t('settings.users.deactivateTitle') : t('settings.users.reactivateTitle')}
        message={toggling?.active ? t('settings.users.deactivateConfirm', { name: toggling?.name ?? '' }) : t('settings.users.reactivateConfirm', { name: toggling?.name ?? '' })}
        confirmLabel={toggling?.active ? t('settings.users.deactivate') : t('settings.users.reactivate')}
        danger={toggling?.active ?? true}
        loading={update.isPending}
        error={update.error ? errorMessage(t, update.error) : null}
        onClose={() => {
          setToggling(null);
          update.reset();
        }}
        onConfirm={() =>
          toggling &&
          update.mutate(
            { id: toggling.id, active: !toggling.active },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('settings.saved') });
                setToggling(null);
              },
            },
          )
        }
      />
    </SettingsSection>
  );
}
