import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import type { FieldErrors } from '../auth/validation';
import { channelsKey, type ChannelWithSecret } from './channels.api';
import { serverErrors } from './form-errors';
import { DefaultTeamSelect } from './default-team-select';
import { CopyField } from './secret-modal';
import { FormActions } from './settings-ui';

type Field = 'name' | 'phoneNumberId' | 'businessAccountId' | 'displayPhoneNumber' | 'accessToken' | 'appSecret' | 'defaultTeamId';
const fields: Field[] = ['name', 'phoneNumberId', 'businessAccountId', 'displayPhoneNumber', 'accessToken', 'appSecret', 'defaultTeamId'];
const GRAPH_ID = /^\d{5,25}$/;
const APP_SECRET = /^[A-Za-z0-9]{16,128}$/;

interface WhatsAppForm {
  name: string;
  phoneNumberId: string;
  businessAccountId: string;
  displayPhoneNumber: string;
  accessToken: string;
  appSecret: string;
  defaultTeamId: string | null;
}
const empty: WhatsAppForm = { name: '', phoneNumberId: '', businessAccountId: '', displayPhoneNumber: '', accessToken: '', appSecret: '', defaultTeamId: null };

export function validateWhatsAppChannel(t: TFunction, form: WhatsAppForm): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!form.name.trim()) errors.name = t('validation.required');
  if (!GRAPH_ID.test(form.phoneNumberId.trim())) errors.phoneNumberId = t('settings.channels.whatsapp.idInvalid');
  if (!GRAPH_ID.test(form.businessAccountId.trim())) errors.businessAccountId = t('settings.channels.whatsapp.idInvalid');
  if (form.accessToken.trim().length < 20) errors.accessToken = t('settings.channels.whatsapp.accessTokenInvalid');
  if (!APP_SECRET.test(form.appSecret.trim())) errors.appSecret = t('settings.channels.whatsapp.appSecretInvalid');
  return errors;
}

/** The server names the setting that failed (`body.config.phoneNumberId`, `body.secrets.appSecret`): mark that field. */
function fieldErrorsOf(t: TFunction, err: unknown): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return errors;
  for (const d of err.details as Array<{ field?: string }>) {
    const field = String(d?.field ?? '').split('.').pop() as Field;
    if (fields.includes(field)) errors[field] = t('validation.invalid');
  }
  return errors;
}

function useCreateWhatsAppChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: WhatsAppForm) =>
      api<ChannelWithSecret>('/channels', {
        body: {
          type: 'whatsapp',
          name: form.name.trim(),
          config: { phoneNumberId: form.phoneNumberId.trim(), businessAccountId: form.businessAccountId.trim(), ...(form.displayPhoneNumber.trim() ? { displayPhoneNumber: form.displayPhoneNumber.trim() } : {}) },
          secrets: { accessToken: form.accessToken.trim(), appSecret: form.appSecret.trim() },
          defaultTeamId: form.defaultTeamId ? Number(form.defaultTeamId) : null,
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  });
}

/** "Synchronise templates": copies the channel's approved message templates from Meta (admins). */
export function SyncTemplatesButton({ channelId }: { channelId: number }) {
  const { t } = useTranslation();
  const sync = useMutation({ mutationFn: () => api<{ items: Array<{ sendable: boolean }> }>(`/channels/${channelId}/templates/sync`, { method: 'POST' }) });
  return (
    <Button
      variant="light"
      size="xs"
      loading={sync.isPending}
      onClick={() =>
        sync.mutate(undefined, {
          onSuccess: (r) => notifications.show({ color: 'teal', message: t('settings.channels.whatsapp.synced', { count: r.items.length, sendable: r.items.filter((x) => x.sendable).length }) }),
          onError: (err) => notifications.show({ color: 'red', autoClose: false, message: t('settings.channels.whatsapp.syncFailed', { error: err instanceof ApiError ? err.message : errorMessage(t, err) }) }),
        })
      }
    >
      {t('settings.channels.whatsapp.syncTemplates')}
    </Button>
  );
}

/** After creation: where to paste what at Meta, whether Meta already took our callback, and the templates. */
function ConnectStep({ channel, onClose }: { channel: ChannelWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  const connection = channel.connection;
  return (
    <Stack gap="md" data-testid="whatsapp-connect">
      {connection?.status === 'connected' ? (
        <Alert color="teal" variant="light">
          {t('settings.channels.whatsapp.connected')}
        </Alert>
      ) : (
        <Alert color="yellow" variant="light">
          {t('settings.channels.whatsapp.connectByHand', { error: connection?.status === 'failed' ? connection.error : '' })}
        </Alert>
      )}
      <CopyField label={t('settings.channels.whatsapp.callbackUrl')} value={channel.webhookUrl} testId="whatsapp-callback-url" />
      <CopyField label={t('settings.channels.whatsapp.verifyToken')} value={channel.secret} testId="whatsapp-verify-token" />
      <Text size="sm" c="dimmed">
        {t('settings.channels.whatsapp.pasteHelp')}
      </Text>
      <Group justify="space-between">
        <SyncTemplatesButton channelId={channel.id} />
        <Button onClick={onClose}>{t('settings.channels.whatsapp.done')}</Button>
      </Group>
    </Stack>
  );
}

/**
 * A WhatsApp Cloud API channel: the number and business account ids, a system user's access token and the app
 * secret from the Meta App Dashboard; then the callback URL and verify token to paste there.
 */
export function WhatsAppChannelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWhatsAppChannel();
  const [form, setForm] = useState<WhatsAppForm>(empty);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ChannelWithSecret | null>(null);
  // The value is read here, not inside the updater: React runs the updater after the event, when currentTarget is gone.
  const set = (field: Exclude<Field, 'defaultTeamId'>, value: string) => setForm((f) => ({ ...f, [field]: value }));

  useEffect(() => {
    if (!opened) return;
    setForm(empty);
    setErrors({});
    setError(null);
    setCreated(null);
  }, [opened]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateWhatsAppChannel(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(form, {
      onSuccess: setCreated,
      onError: (err) => {
        const byField = fieldErrorsOf(t, err);
        const result = serverErrors(t, err, fields, { conflictField: 'name' });
        setErrors({ ...result.fieldErrors, ...byField });
        setError(Object.keys(byField).length ? null : result.message);
      },
    });
  };

  const text = (field: 'phoneNumberId' | 'businessAccountId' | 'displayPhoneNumber', required = false) => (
    <TextInput
      label={t(`settings.channels.whatsapp.${field}`)}
      description={t(`settings.channels.whatsapp.${field}Hint`)}
      value={form[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      required={required}
    />
  );

  return (
    <Modal opened={opened} onClose={onClose} title={t(created ? 'settings.channels.whatsapp.connectTitle' : 'settings.channels.whatsapp.title')} centered size="lg" closeOnClickOutside={!created}>
      {created ? (
        <ConnectStep channel={created} onClose={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('settings.channels.whatsapp.intro')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput label={t('settings.channels.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
            {text('phoneNumberId', true)}
            {text('businessAccountId', true)}
            {text('displayPhoneNumber')}
            <PasswordInput
              label={t('settings.channels.whatsapp.accessToken')}
              description={t('settings.channels.whatsapp.accessTokenHint')}
              value={form.accessToken}
              onChange={(e) => set('accessToken', e.currentTarget.value)}
              error={errors.accessToken}
              required
            />
            <PasswordInput
              label={t('settings.channels.whatsapp.appSecret')}
              description={t('settings.channels.whatsapp.appSecretHint')}
              value={form.appSecret}
              onChange={(e) => set('appSecret', e.currentTarget.value)}
              error={errors.appSecret}
              required
            />
            <DefaultTeamSelect value={form.defaultTeamId} onChange={(defaultTeamId) => setForm((f) => ({ ...f, defaultTeamId }))} error={errors.defaultTeamId} />
            <FormActions onCancel={onClose} loading={create.isPending} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
