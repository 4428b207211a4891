import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, SegmentedControl, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import type { ChannelWithSecret } from './channels.api';
import { useCreateSmsChannel, type SmsProvider } from './sms-channels.api';
import { SMS_FIELDS, SMS_PROVIDERS, smsFieldKeys, validateSms } from './sms-providers';
import { DefaultTeamSelect } from './default-team-select';
import { CopyField } from './secret-modal';
import { FormActions } from './settings-ui';

const PROVIDER_NAMES: Record<SmsProvider, string> = { twilio: 'Twilio', vonage: 'Vonage', messagebird: 'MessageBird' };

/** The fields the server named in a 400 (`body.config.accountSid` → `accountSid`). */
function serverFields(err: unknown): string[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.map((d) => String((d as { field?: unknown })?.field ?? '').split('.').pop() ?? '');
}

/**
 * An SMS channel: one form for the three providers, a choice at the top, because they ask for the same thing
 * (a number and the credentials that sign its webhooks) and an admin has an account at one of them. A Twilio
 * number can be a WhatsApp sender instead (WhatsApp through Twilio: the 24-hour window and Content templates).
 * After creation it shows whether the provider took the credentials, the webhook URL and where to paste it.
 */
export function SmsChannelModal({ opened, onClose, provider: initial = 'twilio', whatsapp: initialWhatsapp = false }: { opened: boolean; onClose: () => void; provider?: SmsProvider; whatsapp?: boolean }) {
  const { t } = useTranslation();
  const create = useCreateSmsChannel();
  const [provider, setProvider] = useState<SmsProvider>(initial);
  const [whatsapp, setWhatsapp] = useState(initialWhatsapp);
  const [values, setValues] = useState<Record<string, string>>({});
  const [teamId, setTeamId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ChannelWithSecret | null>(null);
  const asWhatsapp = provider === 'twilio' && whatsapp;
  /** The channel type created, which names where to paste the webhook URL. */
  const variant = asWhatsapp ? 'twilio_whatsapp' : provider;

  useEffect(() => {
    if (!opened) return;
    setProvider(initial);
    setWhatsapp(initialWhatsapp);
    setValues({});
    setTeamId(null);
    setErrors({});
    setError(null);
    setCreated(null);
  }, [opened, initial, initialWhatsapp]);

  const message = (key: string, code: string) =>
    code === 'required' ? t('validation.required') : code === 'fromOrService' ? t('settings.channels.sms.fromOrService') : t(`settings.channels.sms.invalid.${key}`);
  const choose = (next: string) => {
    setProvider(next as SmsProvider);
    setValues((v) => ({ name: v.name ?? '' }));
    setErrors({});
    setError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateSms(provider, values);
    setErrors(Object.fromEntries(Object.entries(found).map(([key, code]) => [key, message(key, code)])));
    if (Object.keys(found).length) return;
    const pick = (where: 'config' | 'secrets') =>
      Object.fromEntries(SMS_FIELDS[provider].filter((f) => f.in === where && values[f.key]?.trim()).map((f) => [f.key, f.key === 'from' ? values[f.key].trim().replace(/^whatsapp:/i, '') : values[f.key].trim()]));
    create.mutate(
      { provider, whatsapp: asWhatsapp, name: values.name.trim(), config: pick('config'), secrets: pick('secrets'), defaultTeamId: teamId ? Number(teamId) : null },
      {
        onSuccess: (channel) => setCreated(channel),
        onError: (err) => {
          const named = serverFields(err).filter((f) => smsFieldKeys(provider).includes(f));
          setErrors(Object.fromEntries(named.map((f) => [f, t('validation.invalid')])));
          setError(named.length ? null : errorMessage(t, err));
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(asWhatsapp ? 'settings.channels.sms.whatsapp.title' : 'settings.channels.sms.title')} centered size="lg">
      {created ? (
        <Stack gap="md" data-testid="sms-channel-created">
          {created.connection?.status === 'failed' ? (
            <Alert color="yellow" variant="light" data-testid="sms-connection-failed">
              {t('settings.channels.sms.connectFailed', { provider: PROVIDER_NAMES[provider], error: created.connection.error })}
            </Alert>
          ) : (
            <Alert color="teal" variant="light">
              {t('settings.channels.sms.created', { provider: PROVIDER_NAMES[provider] })}
            </Alert>
          )}
          <CopyField label={t('settings.channels.hookUrl')} value={created.webhookUrl} testId="sms-hook-url" />
          <Text size="sm">{t(`settings.channels.sms.paste.${variant}`)}</Text>
          {asWhatsapp && <Text size="sm">{t('settings.channels.sms.whatsapp.templatesNext')}</Text>}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('settings.channels.sms.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('settings.channels.sms.intro')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <SegmentedControl
              aria-label={t('settings.channels.sms.provider')}
              data={SMS_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_NAMES[p] }))}
              value={provider}
              onChange={choose}
            />
            {provider === 'twilio' && (
              <Switch
                label={t('settings.channels.sms.whatsapp.label')}
                description={t('settings.channels.sms.whatsapp.description')}
                checked={whatsapp}
                onChange={(e) => setWhatsapp(e.currentTarget.checked)}
              />
            )}
            <TextInput
              label={t('settings.channels.name')}
              value={values.name ?? ''}
              onChange={(e) => {
                const name = e.currentTarget.value;
                setValues((v) => ({ ...v, name }));
              }}
              error={errors.name}
              required
              data-autofocus
            />
            {SMS_FIELDS[provider].map((field) => {
              const props = {
                label: t(`settings.channels.sms.fields.${field.key}`),
                description: t(asWhatsapp && field.key === 'from' ? 'settings.channels.sms.whatsapp.fromHint' : `settings.channels.sms.hints.${provider}.${field.key}`),
                value: values[field.key] ?? '',
                onChange: (e: { currentTarget: { value: string } }) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [field.key]: value }));
                },
                error: errors[field.key],
                required: !field.optional,
              };
              if (field.multiline) return <Textarea key={field.key} {...props} autosize minRows={3} maxRows={8} spellCheck={false} styles={{ input: { fontFamily: 'monospace' } }} />;
              if (field.in === 'secrets') return <PasswordInput key={field.key} {...props} />;
              return <TextInput key={field.key} {...props} />;
            })}
            <DefaultTeamSelect value={teamId} onChange={setTeamId} error={errors.defaultTeamId} />
            <Text size="xs" c="dimmed">
              {t(asWhatsapp ? 'settings.channels.sms.whatsapp.windowNote' : 'settings.channels.sms.lengthNote')}
            </Text>
            <FormActions onCancel={onClose} loading={create.isPending} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

type ModalProps = { opened: boolean; onClose: () => void };
/** The same form with a provider chosen, for a menu that lists providers one by one. */
export const TwilioChannelModal = (p: ModalProps) => <SmsChannelModal {...p} provider="twilio" />;
export const TwilioWhatsAppChannelModal = (p: ModalProps) => <SmsChannelModal {...p} provider="twilio" whatsapp />;
export const VonageChannelModal = (p: ModalProps) => <SmsChannelModal {...p} provider="vonage" />;
export const MessageBirdChannelModal = (p: ModalProps) => <SmsChannelModal {...p} provider="messagebird" />;
