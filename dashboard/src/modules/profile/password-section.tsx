import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { invalidFields } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { PasswordField } from '../../app/password-field';
import { MIN_PASSWORD_LENGTH, type FieldErrors } from '../auth/validation';
import { useUpdateProfile } from './profile.api';
import { validatePasswordChange, type PasswordChange } from './profile-validation';

const empty: PasswordChange = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** Changing the password asks for the current one; the server signs out the person's other sessions. */
export function PasswordSection() {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors<keyof PasswordChange>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const set = (field: keyof PasswordChange) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setDone(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validatePasswordChange(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate(
      { currentPassword: form.currentPassword, newPassword: form.newPassword },
      {
        onSuccess: () => {
          setForm(empty);
          setDone(true);
        },
        onError: (err) => {
          const fields = invalidFields(err);
          if (fields.includes('currentPassword')) setErrors({ currentPassword: 'profile.password.wrongCurrent' });
          else if (fields.includes('newPassword')) setErrors({ newPassword: 'validation.passwordLength' });
          else setError(errorMessage(t, err));
        },
      },
    );
  };

  const message = (key: string | undefined) => key && t(key, { count: MIN_PASSWORD_LENGTH });

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="profile-password">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div>
            <Title order={3} size="h4" id="profile-password">
              {t('profile.password.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('profile.password.intro')}
            </Text>
          </div>
          {done && (
            <Alert color="teal" role="status">
              {t('profile.password.changed')}
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PasswordField
            label={t('profile.password.current')}
            value={form.currentPassword}
            onChange={(e) => set('currentPassword')(e.currentTarget.value)}
            error={message(errors.currentPassword)}
            autoComplete="current-password"
            required
          />
          <Group grow align="flex-start">
            <PasswordField
              label={t('profile.password.new')}
              description={t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
              value={form.newPassword}
              onChange={(e) => set('newPassword')(e.currentTarget.value)}
              error={message(errors.newPassword)}
              autoComplete="new-password"
              required
            />
            <PasswordField
              label={t('profile.password.repeat')}
              value={form.repeatPassword}
              onChange={(e) => set('repeatPassword')(e.currentTarget.value)}
              error={message(errors.repeatPassword)}
              autoComplete="new-password"
              required
            />
          </Group>
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('profile.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
