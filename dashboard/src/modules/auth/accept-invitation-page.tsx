import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../app/password-field';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api-client';
import { ensureSignedIn, meKey } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { acceptInvitation, lookupInvitation } from './auth.api';
import { MIN_PASSWORD_LENGTH } from './validation';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => lookupInvitation(token),
    enabled: Boolean(token),
    retry: false,
  });
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const accept = useMutation({
    mutationFn: async () => {
      const email = invitation.data!.email;
      const data = invitation.data!;
      const chosenName = (name ?? data.name ?? '').trim();
      await acceptInvitation({ token, password, ...(data.accountExists ? {} : { name: chosenName }) });
      return ensureSignedIn(email, password);
    },
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
      navigate('/', { replace: true });
    },
  });

  if (!token) {
    return (
      <Alert color="red" role="alert">
        {t('invitation.missingToken')}
      </Alert>
    );
  }
  if (invitation.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (invitation.isError) {
    const gone = invitation.error instanceof ApiError && invitation.error.status >= 400 && invitation.error.status < 500;
    return (
      <Stack gap="sm">
        <Title order={2}>{t('invitation.title')}</Title>
        <Alert color="red" role="alert">
          {gone ? t('invitation.invalid') : errorMessage(t, invitation.error)}
        </Alert>
        <Anchor component={Link} to="/login" size="sm" ta="center">
          {t('common.backToLogin')}
        </Anchor>
      </Stack>
    );
  }

  const data = invitation.data;
  const currentName = name ?? data.name ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      name: data.accountExists || currentName.trim() ? undefined : t('validation.required'),
      password: data.accountExists
        ? password
          ? undefined
          : t('validation.required')
        : password.length < MIN_PASSWORD_LENGTH
          ? t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })
          : undefined,
    };
    setErrors(next);
    if (!next.name && !next.password) accept.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2}>{t('invitation.title')}</Title>
        <Text>{t(data.accountExists ? 'invitation.introExisting' : 'invitation.intro', { workspace: data.workspaceName })}</Text>
        {accept.isError && (
          <Alert color="red" role="alert">
            {accept.error instanceof ApiError && accept.error.status === 401 && data.accountExists
              ? t('invitation.wrongPassword')
              : errorMessage(t, accept.error)}
          </Alert>
        )}
        <TextInput label={t('fields.email')} value={data.email} readOnly />
        {!data.accountExists && (
          <TextInput
            label={t('fields.yourName')}
            value={currentName}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            autoComplete="name"
            required
          />
        )}
        <PasswordField
          label={data.accountExists ? t('invitation.currentPassword') : t('invitation.choosePassword')}
          description={data.accountExists ? undefined : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          autoComplete={data.accountExists ? 'current-password' : 'new-password'}
          required
        />
        <Button type="submit" loading={accept.isPending} mt="xs">
          {t('invitation.submit')}
        </Button>
      </Stack>
    </form>
  );
}
