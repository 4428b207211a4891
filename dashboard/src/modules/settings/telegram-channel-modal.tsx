import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import { useCreateTelegramChannel, type ChannelConnection } from './channels.api';
import { serverErrors } from './form-errors';
import { DefaultTeamSelect } from './default-team-select';
import { FormActions } from './settings-ui';

type Field = 'name' | 'botToken' | 'defaultTeamId';
const fields: Field[] = ['name', 'botToken', 'defaultTeamId'];
const BOT_TOKEN = /^\d{5,}:[A-Za-z0-9_-]{20,}$/;

/** Tells the admin whether the provider took our webhook (on create, rotation and "test connection"). */
export function showConnection(t: TFunction, connection: ChannelConnection | undefined, type?: string) {
  if (!connection) return;
  if (connection.status === 'failed') notifications.show({ color: 'red', autoClose: false, message: t('settings.channels.connectFailed', { error: connection.error }) });
  // The channel type's own words where it has them (settings.channels.connectedTo.<type>).
  else notifications.show({ color: 'teal', message: connection.status === 'connected' ? t([`settings.channels.connectedTo.${type}`, 'settings.channels.connected']) : t('settings.channels.notNeeded') });
}

export function validateTelegramChannel(t: TFunction, form: { name: string; botToken: string }): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!form.name.trim()) errors.name = t('validation.required');
  if (!BOT_TOKEN.test(form.botToken.trim())) errors.botToken = t('settings.channels.botTokenInvalid');
  return errors;
}

/** A Telegram channel: a name, the bot's token from @BotFather and the team new conversations wait in. */
export function TelegramChannelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTelegramChannel();
  const [form, setForm] = useState({ name: '', botToken: '', defaultTeamId: null as string | null });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  // The value is read here, not inside the updater: React runs the updater after the event, when currentTarget is gone.
  const set = (field: 'name' | 'botToken', value: string) => setForm((f) => ({ ...f, [field]: value }));

  useEffect(() => {
    if (!opened) return;
    setForm({ name: '', botToken: '', defaultTeamId: null });
    setErrors({});
    setError(null);
  }, [opened]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateTelegramChannel(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(
      { name: form.name.trim(), botToken: form.botToken.trim(), defaultTeamId: form.defaultTeamId ? Number(form.defaultTeamId) : null },
      {
        onSuccess: (created) => {
          onClose();
          showConnection(t, created.connection);
        },
        onError: (err) => {
          const result = serverErrors(t, err, fields, { conflictField: 'name', aliases: { secrets: 'botToken' } });
          setErrors(result.fieldErrors);
          setError(result.message);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.channels.telegramTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('settings.channels.telegramIntro')}
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('settings.channels.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
          <PasswordInput
            label={t('settings.channels.botToken')}
            description={t('settings.channels.botTokenHint')}
            value={form.botToken}
            onChange={(e) => set('botToken', e.currentTarget.value)}
            error={errors.botToken}
            required
          />
          <DefaultTeamSelect value={form.defaultTeamId} onChange={(defaultTeamId) => setForm((f) => ({ ...f, defaultTeamId }))} error={errors.defaultTeamId} />
          <FormActions onCancel={onClose} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
