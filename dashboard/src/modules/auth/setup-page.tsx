import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Code, Divider, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../app/password-field';
import { useNavigate } from 'react-router';
import { ApiError, invalidFields } from '../../app/api-client';
import { ensureSignedIn, meKey, setupKey, type Me } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { chooseLanguage, isLanguage, languages } from '../../i18n/i18n';
import { createFirstWorkspace, loadDemoWorkspace, type DemoCredentials, type SetupInput } from './auth.api';
import { looksLikeEmail, MIN_PASSWORD_LENGTH, type FieldErrors } from './validation';

type Field = keyof SetupInput;

function browserTimezone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** First run: create the first workspace and its owner, or load the demo workspace. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SetupInput>(() => ({
    workspaceName: '',
    name: '',
    email: '',
    password: '',
    language: i18n.resolvedLanguage ?? 'es',
    timezone: browserTimezone(),
  }));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'setup' | 'demo' | null>(null);
  const [demo, setDemo] = useState<{ credentials: DemoCredentials; me: Me } | null>(null);

  const timezones = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return Array.from(new Set([form.timezone, 'UTC', ...zones]));
  }, [form.timezone]);

  const set = (field: Field) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setFieldErrors((e) => ({ ...e, [field]: undefined }));
  };

  const enter = (me: Me) => {
    queryClient.setQueryData(meKey, me);
    queryClient.setQueryData(setupKey, { needed: false });
    navigate('/', { replace: true });
  };

  const validate = (): FieldErrors<Field> => {
    const errors: FieldErrors<Field> = {};
    if (!form.workspaceName.trim()) errors.workspaceName = t('validation.required');
    if (!form.name.trim()) errors.name = t('validation.required');
    if (!looksLikeEmail(form.email)) errors.email = t('validation.email');
    if (form.password.length < MIN_PASSWORD_LENGTH) errors.password = t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH });
    if (!form.timezone) errors.timezone = t('validation.required');
    return errors;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const errors = validate();
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    setBusy('setup');
    try {
      const input = { ...form, workspaceName: form.workspaceName.trim(), name: form.name.trim(), email: form.email.trim() };
      await createFirstWorkspace(input);
      if (isLanguage(form.language)) chooseLanguage(form.language);
      enter(await ensureSignedIn(input.email, input.password));
    } catch (err) {
      const fields = invalidFields(err);
      setFieldErrors(Object.fromEntries(fields.map((f) => [f, t('validation.invalid')])));
      setError(errorMessage(t, err));
      // Someone else finished the set-up meanwhile: the login screen is where to go now.
      if (err instanceof ApiError && err.code === 'setup_already_done') void queryClient.invalidateQueries({ queryKey: setupKey });
    } finally {
      setBusy(null);
    }
  };

  const startDemo = async () => {
    setError(null);
    setBusy('demo');
    try {
      const credentials = await loadDemoWorkspace();
      const me = await ensureSignedIn(credentials.email, credentials.password);
      setDemo({ credentials, me });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t('setup.demo.unavailable') : errorMessage(t, err));
    } finally {
      setBusy(null);
    }
  };

  if (demo) {
    return (
      <Stack data-testid="demo-ready">
        <Title order={2}>{t('setup.demo.readyTitle')}</Title>
        <Text>{t('setup.demo.readyBody')}</Text>
        <Paper withBorder p="md" bg="gray.0">
          <Stack gap={6}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" w={150}>
                {t('fields.email')}
              </Text>
              <Code data-testid="demo-email">{demo.credentials.email}</Code>
            </Group>
            <Group gap="xs">
              <Text size="sm" c="dimmed" w={150}>
                {t('fields.password')}
              </Text>
              <Code data-testid="demo-password">{demo.credentials.password}</Code>
            </Group>
          </Stack>
        </Paper>
        {Boolean(demo.credentials.otherUsers?.length) && (
          <Text size="sm" c="dimmed">
            {t('setup.demo.otherUsers')}{' '}
            {demo.credentials.otherUsers!.map((email, i) => (
              <span key={email}>
                {i > 0 && ', '}
                <Code>{email}</Code>
              </span>
            ))}
          </Text>
        )}
        <Button onClick={() => enter(demo.me)}>{t('setup.demo.open')}</Button>
      </Stack>
    );
  }

  return (
    <Stack>
      <div>
        <Title order={2}>{t('setup.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('setup.intro')}
        </Text>
      </div>

      <Paper withBorder p="md" bg="teal.0" component="section" aria-labelledby="demo-title">
        <Stack gap="xs">
          <Text fw={600} id="demo-title">
            {t('setup.demo.title')}
          </Text>
          <Text size="sm">{t('setup.demo.body')}</Text>
          <Button variant="filled" color="teal" onClick={startDemo} loading={busy === 'demo'} disabled={busy === 'setup'}>
            {t('setup.demo.button')}
          </Button>
        </Stack>
      </Paper>

      <Divider label={t('setup.orCreate')} labelPosition="center" />

      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}

      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('setup.workspaceName')}
            description={t('setup.workspaceNameHint')}
            value={form.workspaceName}
            onChange={(e) => set('workspaceName')(e.currentTarget.value)}
            error={fieldErrors.workspaceName}
            required
            autoFocus
          />
          <TextInput
            label={t('fields.yourName')}
            value={form.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={fieldErrors.name}
            autoComplete="name"
            required
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={fieldErrors.email}
            autoComplete="email"
            required
          />
          <PasswordField
            label={t('fields.password')}
            description={t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={fieldErrors.password}
            autoComplete="new-password"
            required
          />
          <Group grow align="flex-start">
            <Select
              label={t('fields.language')}
              value={form.language}
              onChange={(value) => value && set('language')(value)}
              data={languages.map((lng) => ({ value: lng, label: t(`language.name.${lng}`) }))}
              error={fieldErrors.language}
              allowDeselect={false}
            />
            <Select
              label={t('fields.timezone')}
              value={form.timezone}
              onChange={(value) => value && set('timezone')(value)}
              data={timezones}
              error={fieldErrors.timezone}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </Group>
          <Button type="submit" loading={busy === 'setup'} disabled={busy === 'demo'} mt="xs">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
