import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../auth/validation';
import { serverErrors } from '../../settings/form-errors';
import { FormActions } from '../../settings/settings-ui';
import { botKinds, useCreateBot, useUpdateBot, type Bot, type BotCredentials, type BotKind } from '../bots.api';
import { botFields, botFormFor, secretsOf, settingsOf, validateBotForm, type BotField, type BotForm } from './bot-form';
import { BotSettingsFields } from './bot-settings-fields';

/**
 * Create (bot null) or edit a bot: its name, its kind (chosen once), the kind's settings and secret. A new webhook
 * bot's credentials go to `onCreated`, to be shown once.
 */
export function BotModal({
  opened,
  bot,
  onClose,
  onCreated,
}: {
  opened: boolean;
  bot: Bot | null;
  onClose: () => void;
  onCreated: (bot: Bot, credentials?: BotCredentials) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateBot();
  const update = useUpdateBot();
  const [form, setForm] = useState<BotForm>(() => botFormFor(t, bot));
  const [errors, setErrors] = useState<FieldErrors<BotField>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm(botFormFor(t, bot));
    setErrors({});
    setError(null);
  }, [opened, bot, t]);

  const set = <K extends BotField>(field: K, value: BotForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((x) => ({ ...x, [field]: undefined }));
  };
  const chooseKind = (kind: BotKind) => {
    setForm((f) => ({ ...botFormFor(t, null, kind), name: f.name }));
    setErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const hasSecret = Boolean(bot?.hasSecrets);
    const found = validateBotForm(t, form, hasSecret);
    setErrors(found);
    if (Object.keys(found).length) return;
    const onError = (err: unknown) => {
      const result = serverErrors(t, err, botFields, { nested: ['settings', 'secrets'], aliases: { accessToken: 'secret', apiKey: 'secret' } });
      setErrors(result.fieldErrors);
      setError(result.message);
    };
    const secrets = secretsOf(form);
    if (bot) {
      update.mutate(
        { id: bot.id, name: form.name.trim(), settings: settingsOf(form, true), ...(secrets && { secrets }) },
        {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('settings.saved') });
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { name: form.name.trim(), kind: form.kind, settings: settingsOf(form, false), ...(secrets && { secrets }) },
        {
          onSuccess: (created) => {
            onClose();
            onCreated(created.bot, created.credentials);
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={bot ? t('bots.editTitle', { name: bot.name }) : t('bots.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('bots.fields.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
          {!bot && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('bots.fields.kind')}
              </Text>
              <SegmentedControl
                value={form.kind}
                onChange={(kind) => chooseKind(kind as BotKind)}
                data={botKinds.map((kind) => ({ value: kind, label: t(`bots.kinds.${kind}`) }))}
                aria-label={t('bots.fields.kind')}
                fullWidth
              />
            </Stack>
          )}
          <Text size="sm" c="dimmed">
            {t(`bots.kindHints.${form.kind}`)}
          </Text>
          <BotSettingsFields form={form} set={set} errors={errors} hasSecret={Boolean(bot?.hasSecrets)} />
          <FormActions onCancel={onClose} loading={create.isPending || update.isPending} submitLabel={bot ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}
