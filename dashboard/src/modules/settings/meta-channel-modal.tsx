import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api-client';
import type { FieldErrors } from '../auth/validation';
import { channelsKey, type ChannelWithSecret } from './channels.api';
import { serverErrors } from './form-errors';
import { DefaultTeamSelect } from './default-team-select';
import { CopyField } from './secret-modal';
import { FormActions } from './settings-ui';

/**
 * The form both Messenger Platform channels share (Messenger, Instagram): an account id, an access token and the
 * app secret from Meta's App Dashboard; then the webhook URL and verify token to paste there. Each channel names
 * its settings and its texts (`settings.channels.<type>.*`).
 */
export interface MetaChannelSpec {
  type: 'messenger' | 'instagram';
  /** The config key of the account id (`pageId`, `accountId`) and the secrets key of its token. */
  idField: string;
  tokenField: string;
  /** More config (Instagram's login type), given the form's extra values. */
  extraConfig?: (extra: Record<string, string>) => Record<string, unknown>;
  initialExtra?: Record<string, string>;
  /** Inputs for the extra values. */
  renderExtra?: (extra: Record<string, string>, setExtra: (key: string, value: string) => void) => ReactNode;
}

type Field = 'name' | 'accountId' | 'accessToken' | 'appSecret' | 'defaultTeamId';
const fields: Field[] = ['name', 'accountId', 'accessToken', 'appSecret', 'defaultTeamId'];
const GRAPH_ID = /^\d{5,30}$/;
const ACCESS_TOKEN = /^[A-Za-z0-9_|.-]{20,1024}$/;
const APP_SECRET = /^[A-Za-z0-9]{16,128}$/;

interface MetaForm {
  name: string;
  accountId: string;
  accessToken: string;
  appSecret: string;
  defaultTeamId: string | null;
}
const empty: MetaForm = { name: '', accountId: '', accessToken: '', appSecret: '', defaultTeamId: null };

export function validateMetaChannel(t: TFunction, type: MetaChannelSpec['type'], form: MetaForm): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!form.name.trim()) errors.name = t('validation.required');
  if (!GRAPH_ID.test(form.accountId.trim())) errors.accountId = t(`settings.channels.${type}.idInvalid`);
  if (!ACCESS_TOKEN.test(form.accessToken.trim())) errors.accessToken = t(`settings.channels.${type}.tokenInvalid`);
  if (!APP_SECRET.test(form.appSecret.trim())) errors.appSecret = t(`settings.channels.${type}.appSecretInvalid`);
  return errors;
}

/** The server names the setting it refused (`body.config.pageId`, `body.secrets.appSecret`): mark that field. */
function fieldErrorsOf(t: TFunction, spec: MetaChannelSpec, err: unknown): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return errors;
  const formField: Record<string, Field> = { [spec.idField]: 'accountId', [spec.tokenField]: 'accessToken', appSecret: 'appSecret', name: 'name' };
  for (const d of err.details as Array<{ field?: string }>) {
    const field = formField[String(d?.field ?? '').split('.').pop() ?? ''];
    if (field) errors[field] = t('validation.invalid');
  }
  return errors;
}

function useCreateMetaChannel(spec: MetaChannelSpec) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ form, extra }: { form: MetaForm; extra: Record<string, string> }) =>
      api<ChannelWithSecret>('/channels', {
        body: {
          type: spec.type,
          name: form.name.trim(),
          config: { [spec.idField]: form.accountId.trim(), ...(spec.extraConfig?.(extra) ?? {}) },
          secrets: { [spec.tokenField]: form.accessToken.trim(), appSecret: form.appSecret.trim() },
          defaultTeamId: form.defaultTeamId ? Number(form.defaultTeamId) : null,
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  });
}

/** After creation: whether the account was subscribed to the app, and the webhook URL and verify token to paste at Meta. */
function ConnectStep({ type, channel, onClose }: { type: MetaChannelSpec['type']; channel: ChannelWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  const connection = channel.connection;
  return (
    <Stack gap="md" data-testid={`${type}-connect`}>
      {connection?.status === 'failed' ? (
        <Alert color="yellow" variant="light">
          {t(`settings.channels.${type}.subscribeFailed`, { error: connection.error })}
        </Alert>
      ) : (
        <Alert color="teal" variant="light">
          {t(`settings.channels.${type}.subscribed`)}
        </Alert>
      )}
      <CopyField label={t(`settings.channels.${type}.callbackUrl`)} value={channel.webhookUrl} testId={`${type}-callback-url`} />
      <CopyField label={t(`settings.channels.${type}.verifyToken`)} value={channel.secret} testId={`${type}-verify-token`} />
      <Text size="sm" c="dimmed">
        {t(`settings.channels.${type}.pasteHelp`)}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onClose}>{t(`settings.channels.${type}.done`)}</Button>
      </Group>
    </Stack>
  );
}

export function MetaChannelModal({ spec, opened, onClose }: { spec: MetaChannelSpec; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`settings.channels.${spec.type}.${key}`);
  const create = useCreateMetaChannel(spec);
  const [form, setForm] = useState<MetaForm>(empty);
  const [extra, setExtraState] = useState<Record<string, string>>(spec.initialExtra ?? {});
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ChannelWithSecret | null>(null);
  // The value is read here, not inside the updater: React runs the updater after the event, when currentTarget is gone.
  const set = (field: Exclude<Field, 'defaultTeamId'>, value: string) => setForm((f) => ({ ...f, [field]: value }));
  const setExtra = (key: string, value: string) => setExtraState((x) => ({ ...x, [key]: value }));

  useEffect(() => {
    if (!opened) return;
    setForm(empty);
    setExtraState(spec.initialExtra ?? {});
    setErrors({});
    setError(null);
    setCreated(null);
  }, [opened, spec.initialExtra]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateMetaChannel(t, spec.type, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(
      { form, extra },
      {
        onSuccess: setCreated,
        onError: (err) => {
          const byField = fieldErrorsOf(t, spec, err);
          const result = serverErrors(t, err, fields, { conflictField: 'name' });
          setErrors({ ...result.fieldErrors, ...byField });
          setError(Object.keys(byField).length ? null : result.message);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={k(created ? 'connectTitle' : 'title')} centered size="lg" closeOnClickOutside={!created}>
      {created ? (
        <ConnectStep type={spec.type} channel={created} onClose={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {k('intro')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput label={t('settings.channels.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
            {spec.renderExtra?.(extra, setExtra)}
            <TextInput label={k('accountId')} description={k('accountIdHint')} value={form.accountId} onChange={(e) => set('accountId', e.currentTarget.value)} error={errors.accountId} required />
            <PasswordInput label={k('accessToken')} description={k('accessTokenHint')} value={form.accessToken} onChange={(e) => set('accessToken', e.currentTarget.value)} error={errors.accessToken} required />
            <PasswordInput label={k('appSecret')} description={k('appSecretHint')} value={form.appSecret} onChange={(e) => set('appSecret', e.currentTarget.value)} error={errors.appSecret} required />
            <DefaultTeamSelect value={form.defaultTeamId} onChange={(defaultTeamId) => setForm((f) => ({ ...f, defaultTeamId }))} error={errors.defaultTeamId} />
            <FormActions onCancel={onClose} loading={create.isPending} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
