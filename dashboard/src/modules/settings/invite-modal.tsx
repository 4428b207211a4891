import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AccessLevel, Role } from '../../app/auth';
import type { FieldErrors } from '../auth/validation';
import { serverErrors } from './form-errors';
import { accessLevels, roles, useInvite } from './members.api';
import { validateInvite } from './settings-validation';
import type { Team } from './teams.api';

type Field = 'email' | 'name' | 'role' | 'accessLevel' | 'teamIds';
const fields: Field[] = ['email', 'name', 'role', 'accessLevel', 'teamIds'];

/** Invite by e-mail with a role, an access level and teams; the link in the mail creates the account. */
export function InviteModal({ opened, onClose, teams, canInviteOwner }: { opened: boolean; onClose: () => void; teams: Team[]; canInviteOwner: boolean }) {
  const { t } = useTranslation();
  const invite = useInvite();
  const [form, setForm] = useState({ email: '', name: '', role: 'agent' as Role, accessLevel: 'all' as AccessLevel, teamIds: [] as string[] });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setForm({ email: '', name: '', role: 'agent', accessLevel: 'all', teamIds: [] });
    setErrors({});
    setError(null);
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validateInvite(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    invite.mutate(
      { email: form.email.trim(), name: form.name.trim() || undefined, role: form.role, accessLevel: form.accessLevel, teamIds: form.teamIds.map(Number) },
      {
        onSuccess: ({ invitation, emailed }) => {
          notifications.show(
            emailed
              ? { color: 'teal', message: t('settings.users.invited', { email: invitation.email }) }
              : { color: 'yellow', message: t('settings.users.invitedNoMail', { email: invitation.email }), autoClose: false },
          );
          close();
        },
        onError: (err) => {
          const result = serverErrors(t, err, fields, { conflictField: 'email' });
          setErrors(result.fieldErrors);
          setError(result.message);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('settings.users.inviteTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('fields.email')}
              type="email"
              value={form.email}
              onChange={(e) => {
                const email = e.currentTarget.value;
                setForm((f) => ({ ...f, email }));
                setErrors((x) => ({ ...x, email: undefined }));
              }}
              error={errors.email}
              required
              data-autofocus
            />
            <TextInput
              label={t('settings.users.name')}
              description={t('settings.users.nameHint')}
              value={form.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setForm((f) => ({ ...f, name }));
              }}
              error={errors.name}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('settings.users.role')}
              value={form.role}
              allowDeselect={false}
              data={roles.filter((r) => r !== 'owner' || canInviteOwner).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              onChange={(value) => value && setForm((f) => ({ ...f, role: value as Role }))}
              error={errors.role}
              description={t(`settings.users.roleHint.${form.role}`)}
            />
            <Select
              label={t('settings.users.accessLevel')}
              value={form.accessLevel}
              allowDeselect={false}
              data={accessLevels.map((a) => ({ value: a, label: t(`settings.accessLevels.${a}`) }))}
              onChange={(value) => value && setForm((f) => ({ ...f, accessLevel: value as AccessLevel }))}
              error={errors.accessLevel}
              description={t(`settings.accessLevelHints.${form.accessLevel}`)}
            />
          </Group>
          <MultiSelect
            label={t('settings.users.teams')}
            placeholder={teams.length ? t('settings.users.pickTeams') : t('settings.users.noTeams')}
            data={teams.map((team) => ({ value: String(team.id), label: team.name }))}
            value={form.teamIds}
            onChange={(teamIds) => setForm((f) => ({ ...f, teamIds }))}
            error={errors.teamIds}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('settings.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('settings.users.sendInvite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
