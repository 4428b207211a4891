import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../app/password-field';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { confirmPasswordReset } from './auth.api';
import { MIN_PASSWORD_LENGTH } from './validation';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const confirm = useMutation({ mutationFn: () => confirmPasswordReset(token, password) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      password: password.length < MIN_PASSWORD_LENGTH ? t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }) : undefined,
      repeat: repeat !== password ? t('validation.passwordsDiffer') : undefined,
    };
    setErrors(next);
    if (!next.password && !next.repeat) confirm.mutate();
  };

  const failure = confirm.error;
  // A used, expired or unknown token all read the same to the person: ask for a new link.
  const tokenRejected = failure instanceof ApiError && failure.status >= 400 && failure.status < 500 && failure.code !== 'validation_failed';

  return (
    <Stack gap="sm">
      <Title order={2}>{t('reset.title')}</Title>
      {!token ? (
        <Alert color="red" role="alert">
          {t('reset.missingToken')}
        </Alert>
      ) : confirm.isSuccess ? (
        <Alert color="teal" role="status">
          {t('reset.done')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {failure && (
              <Alert color="red" role="alert">
                {tokenRejected ? t('reset.invalidToken') : errorMessage(t, failure)}
              </Alert>
            )}
            <PasswordField
              label={t('reset.newPassword')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              required
              autoFocus
            />
            <PasswordField
              label={t('reset.repeatPassword')}
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={errors.repeat}
              autoComplete="new-password"
              required
            />
            <Button type="submit" loading={confirm.isPending}>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
      {tokenRejected && (
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('reset.requestNew')}
        </Anchor>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('common.backToLogin')}
      </Anchor>
    </Stack>
  );
}
