import type { ReactNode } from 'react';
import { Fieldset, Group, Switch, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import type { EmailChannelForm, EmailField, MailServerForm } from './email-channel.api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOST = /^[A-Za-z0-9.-]+$/;

const validPort = (p: string) => /^\d{1,5}$/.test(p.trim()) && Number(p) >= 1 && Number(p) <= 65535;

export function validateEmailChannel(t: TFunction, form: EmailChannelForm, opts: { passwordRequired: boolean }): FieldErrors<EmailField> {
  const errors: FieldErrors<EmailField> = {};
  if (!form.name.trim()) errors.name = t('validation.required');
  if (!EMAIL.test(form.address.trim())) errors.address = t('settings.channels.email.addressInvalid');
  for (const side of ['imap', 'smtp'] as const) {
    const server = form[side];
    if (!HOST.test(server.host.trim())) errors[`${side}Host`] = t('settings.channels.email.hostInvalid');
    if (!validPort(server.port)) errors[`${side}Port`] = t('settings.channels.email.portInvalid');
  }
  if (opts.passwordRequired && !form.imapPassword) errors.imapPassword = t('validation.required');
  const poll = form.pollSeconds.trim();
  if (poll && !(/^\d+$/.test(poll) && Number(poll) >= 10 && Number(poll) <= 3600)) errors.pollSeconds = t('settings.channels.email.pollSecondsInvalid');
  return errors;
}

/** One server's settings (IMAP to read the mailbox, SMTP to send), with its password field below. */
export function MailServerFields({
  side, form, errors, onChange, password,
}: {
  side: 'imap' | 'smtp';
  form: EmailChannelForm;
  errors: FieldErrors<EmailField>;
  onChange: (server: MailServerForm) => void;
  password: ReactNode;
}) {
  const { t } = useTranslation();
  const server = form[side];
  const name = { side: side.toUpperCase() };
  return (
    <Fieldset legend={t(`settings.channels.email.${side === 'imap' ? 'incoming' : 'outgoing'}`)}>
      <Group grow align="flex-start">
        <TextInput
          label={t('settings.channels.email.host', name)}
          placeholder={side === 'imap' ? 'imap.gmail.com' : 'smtp.gmail.com'}
          value={server.host}
          onChange={(e) => onChange({ ...server, host: e.currentTarget.value })}
          error={errors[`${side}Host`]}
          required
        />
        <TextInput
          label={t('settings.channels.email.port', name)}
          inputMode="numeric"
          value={server.port}
          onChange={(e) => onChange({ ...server, port: e.currentTarget.value })}
          error={errors[`${side}Port`]}
          required
          maw={110}
        />
      </Group>
      <Switch
        mt="xs"
        label={t('settings.channels.email.secure', name)}
        checked={server.secure}
        onChange={(e) => onChange({ ...server, secure: e.currentTarget.checked })}
      />
      <TextInput
        mt="xs"
        label={t('settings.channels.email.user', name)}
        description={t('settings.channels.email.userHint')}
        placeholder={form.address}
        value={server.user}
        onChange={(e) => onChange({ ...server, user: e.currentTarget.value })}
        error={errors[`${side}User`]}
      />
      {password}
    </Fieldset>
  );
}
