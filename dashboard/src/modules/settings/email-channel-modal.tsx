import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import type { Channel, ChannelConnection } from './channels.api';
import { serverErrors } from './form-errors';
import { DefaultTeamSelect } from './default-team-select';
import {
  emailFieldsOf, emailPresets, emptyEmailForm, formOf, pollerStatus, useSaveEmailChannel, useTestEmailConnection, type EmailChannelForm, type EmailField,
} from './email-channel.api';
import { MailServerFields, validateEmailChannel } from './email-server-fields';

const fields: EmailField[] = ['name', 'address', 'senderName', 'imapHost', 'imapPort', 'imapUser', 'smtpHost', 'smtpPort', 'smtpUser', 'imapPassword', 'smtpPassword', 'pollSeconds', 'defaultTeamId'];
type Preset = keyof typeof emailPresets | 'other';

/** After saving: whether both logins worked (tested now when the save did not say), and "Probar conexión" to try again. */
function ConnectionStep({ channelId, connection, onEdit, onClose }: { channelId: number; connection: ChannelConnection | null; onEdit: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const test = useTestEmailConnection();
  const [result, setResult] = useState(connection);
  const failed = result?.status === 'failed' ? result.error : null;
  const run = () => test.mutate(channelId, { onSuccess: setResult, onError: (err) => setResult({ status: 'failed', error: (err as Error).message }) });
  const started = useRef(false);
  useEffect(() => {
    if (connection || started.current) return;
    started.current = true;
    run();
  });
  return (
    <Stack gap="md" data-testid="email-connection">
      {result?.status === 'connected' && (
        <Alert color="teal" variant="light">
          {t('settings.channels.email.connected')}
        </Alert>
      )}
      {failed && (
        <Alert color="red" variant="light" role="alert">
          {t('settings.channels.email.connectFailed', { error: failed })}
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="light" loading={test.isPending} onClick={run}>
            {t('settings.channels.email.testConnection')}
          </Button>
          <Button variant="subtle" onClick={onEdit}>
            {t('settings.channels.email.editSettings')}
          </Button>
        </Group>
        <Button onClick={onClose}>{t('settings.channels.email.done')}</Button>
      </Group>
    </Stack>
  );
}

/**
 * An e-mail channel: the support address, the IMAP server Atiende reads it from and the SMTP server it answers
 * through (presets for Gmail and Outlook), then whether both logins work. With `channel`, its settings are edited
 * (the saved passwords are kept unless a new one is typed).
 */
export function EmailChannelModal({ opened, onClose, channel }: { opened: boolean; onClose: () => void; channel?: Channel }) {
  const { t } = useTranslation();
  const save = useSaveEmailChannel();
  const [form, setForm] = useState<EmailChannelForm>(emptyEmailForm);
  const [preset, setPreset] = useState<Preset>('other');
  const [errors, setErrors] = useState<FieldErrors<EmailField>>({});
  const [error, setError] = useState<string | null>(null);
  /** The connection step (null: the form), for the channel saved last. */
  const [step, setStep] = useState<{ id: number; connection: ChannelConnection | null } | null>(null);
  /** A channel created in this modal: saving again (after "change settings") updates it instead of creating another. */
  const [createdId, setCreatedId] = useState<number | null>(null);
  const id = channel?.id ?? createdId ?? undefined;
  const editing = id !== undefined;
  const update = (patch: Partial<EmailChannelForm>) => setForm((f) => ({ ...f, ...patch }));

  useEffect(() => {
    if (!opened) return;
    setForm(channel ? formOf(channel) : emptyEmailForm);
    setPreset('other');
    setErrors({});
    setError(null);
    setStep(null);
    setCreatedId(null);
  }, [opened, channel]);

  const choosePreset = (value: string | null) => {
    const chosen = (value ?? 'other') as Preset;
    setPreset(chosen);
    if (chosen !== 'other') setForm((f) => ({ ...f, imap: { ...f.imap, ...emailPresets[chosen].imap }, smtp: { ...f.smtp, ...emailPresets[chosen].smtp } }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateEmailChannel(t, form, { passwordRequired: !editing });
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { form, id },
      {
        onSuccess: (result) => {
          setForm((f) => ({ ...f, imapPassword: '', smtpPassword: '' }));
          if (!channel) setCreatedId(result.id);
          setStep({ id: result.id, connection: result.connection ?? null });
        },
        onError: (err) => {
          const named = emailFieldsOf(err).filter((f) => fields.includes(f));
          const result = serverErrors(t, err, fields, { conflictField: 'name' });
          setErrors({ ...result.fieldErrors, ...Object.fromEntries(named.map((f) => [f, t('validation.invalid')])) });
          setError(named.length ? null : result.message);
        },
      },
    );
  };

  const status = channel ? pollerStatus(channel) : { lastPolledAt: null, lastError: null };
  const text = (field: 'name' | 'address' | 'senderName' | 'pollSeconds', label: string, hint?: string, required = false) => (
    <TextInput label={t(label)} description={hint ? t(hint) : undefined} value={form[field]} onChange={(e) => update({ [field]: e.currentTarget.value })} error={errors[field]} required={required} />
  );

  return (
    <Modal opened={opened} onClose={onClose} title={t(channel ? 'settings.channels.email.editTitle' : 'settings.channels.email.title')} centered size="lg" closeOnClickOutside={!step}>
      {step ? (
        <ConnectionStep key={`${step.id}-${String(step.connection?.status)}`} channelId={step.id} connection={step.connection} onEdit={() => setStep(null)} onClose={onClose} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('settings.channels.email.intro')}
            </Text>
            {channel && status.lastPolledAt && (
              <Text size="xs" c={status.lastError ? 'red' : 'dimmed'}>
                {status.lastError ? t('settings.channels.email.lastError', { error: status.lastError }) : t('settings.channels.email.lastPoll', { time: new Date(status.lastPolledAt).toLocaleString() })}
              </Text>
            )}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            {text('name', 'settings.channels.name', undefined, true)}
            {text('address', 'settings.channels.email.address', 'settings.channels.email.addressHint', true)}
            {text('senderName', 'settings.channels.email.senderName', 'settings.channels.email.senderNameHint')}
            <Select
              label={t('settings.channels.email.provider')}
              data={(['gmail', 'outlook', 'other'] as const).map((value) => ({ value, label: t(`settings.channels.email.providers.${value}`) }))}
              value={preset}
              onChange={choosePreset}
              allowDeselect={false}
            />
            <MailServerFields
              side="imap"
              form={form}
              errors={errors}
              onChange={(imap) => update({ imap })}
              password={
                <PasswordInput
                  mt="xs"
                  label={t('settings.channels.email.imapPassword')}
                  description={t(editing ? 'settings.channels.email.keepPasswordsHint' : 'settings.channels.email.imapPasswordHint')}
                  value={form.imapPassword}
                  onChange={(e) => update({ imapPassword: e.currentTarget.value })}
                  error={errors.imapPassword}
                  required={!editing}
                />
              }
            />
            <MailServerFields
              side="smtp"
              form={form}
              errors={errors}
              onChange={(smtp) => update({ smtp })}
              password={
                <PasswordInput
                  mt="xs"
                  label={t('settings.channels.email.smtpPassword')}
                  description={t('settings.channels.email.smtpPasswordHint')}
                  value={form.smtpPassword}
                  onChange={(e) => update({ smtpPassword: e.currentTarget.value })}
                  error={errors.smtpPassword}
                />
              }
            />
            {text('pollSeconds', 'settings.channels.email.pollSeconds', 'settings.channels.email.pollSecondsHint')}
            <DefaultTeamSelect value={form.defaultTeamId} onChange={(defaultTeamId) => update({ defaultTeamId })} error={errors.defaultTeamId} />
            <Group justify="flex-end">
              {id !== undefined && (
                <Button variant="light" mr="auto" onClick={() => setStep({ id, connection: null })}>
                  {t('settings.channels.email.testConnection')}
                </Button>
              )}
              <Button variant="default" onClick={onClose}>
                {t('settings.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t(editing ? 'settings.save' : 'settings.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
