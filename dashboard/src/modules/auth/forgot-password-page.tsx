import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/error-message';
import { requestPasswordReset } from './auth.api';
import { looksLikeEmail } from './validation';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const request = useMutation({ mutationFn: requestPasswordReset });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = email.trim();
    setInvalid(!looksLikeEmail(value));
    if (looksLikeEmail(value)) request.mutate(value);
  };

  return (
    <Stack gap="sm">
      <Title order={2}>{t('forgot.title')}</Title>
      {request.isSuccess ? (
        // The same answer whether or not the account exists: the screen does not reveal who has one.
        <Alert color="teal" role="status">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('forgot.intro')}
            </Text>
            {request.isError && (
              <Alert color="red" role="alert">
                {errorMessage(t, request.error)}
              </Alert>
            )}
            <TextInput
              label={t('fields.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={invalid ? t('validation.email') : undefined}
              autoComplete="email"
              required
              autoFocus
            />
            <Button type="submit" loading={request.isPending}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" ta="center">
        {t('common.backToLogin')}
      </Anchor>
    </Stack>
  );
}
