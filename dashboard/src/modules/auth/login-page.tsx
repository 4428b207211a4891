import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../app/password-field';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api-client';
import { useLogin } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { safeNextPath } from '../../app/next-path';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(safeNextPath(searchParams.get('next')), { replace: true }) },
    );
  };

  const failure = login.error;
  const message =
    failure instanceof ApiError && (failure.status === 401 || failure.code === 'unauthenticated')
      ? t('login.wrongCredentials')
      : failure && errorMessage(t, failure);

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={2}>{t('login.title')}</Title>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput
          label={t('fields.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          autoComplete="username"
          required
          autoFocus
        />
        <PasswordField
          label={t('fields.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
          required
        />
        <Button type="submit" loading={login.isPending} mt="xs">
          {t('login.submit')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('login.forgot')}
        </Anchor>
      </Stack>
    </form>
  );
}
