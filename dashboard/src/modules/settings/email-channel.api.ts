import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api-client';
import type { Channel, ChannelConnection, ChannelWithSecret } from './channels.api';
import { channelsKey } from './channels.api';

export interface MailServerForm {
  host: string;
  port: string;
  secure: boolean;
  user: string;
}

export interface EmailChannelForm {
  name: string;
  address: string;
  senderName: string;
  imap: MailServerForm;
  smtp: MailServerForm;
  imapPassword: string;
  /** Empty: the IMAP password serves both (Gmail's app password does). */
  smtpPassword: string;
  pollSeconds: string;
  defaultTeamId: string | null;
}

export type EmailField =
  | 'name' | 'address' | 'senderName' | 'imapHost' | 'imapPort' | 'imapUser' | 'smtpHost' | 'smtpPort' | 'smtpUser' | 'imapPassword' | 'smtpPassword' | 'pollSeconds' | 'defaultTeamId';

export const emptyEmailForm: EmailChannelForm = {
  name: '', address: '', senderName: '',
  imap: { host: '', port: '993', secure: true, user: '' },
  smtp: { host: '', port: '465', secure: true, user: '' },
  imapPassword: '', smtpPassword: '', pollSeconds: '', defaultTeamId: null,
};

/** The servers of the providers people use most; anything else is typed in. */
export const emailPresets = {
  gmail: { imap: { host: 'imap.gmail.com', port: '993', secure: true }, smtp: { host: 'smtp.gmail.com', port: '465', secure: true } },
  outlook: { imap: { host: 'outlook.office365.com', port: '993', secure: true }, smtp: { host: 'smtp.office365.com', port: '587', secure: false } },
} as const;

interface EmailConfig {
  address: string;
  name?: string;
  imap: { host: string; port: number; secure: boolean; user: string };
  smtp: { host: string; port: number; secure: boolean; user: string };
  pollSeconds?: number;
  poller?: { lastPolledAt?: string; lastError?: string | null };
}

/** The settings as stored; the poller's own state (config.poller) is never sent back. */
function configOf(form: EmailChannelForm): Omit<EmailConfig, 'poller'> {
  const server = (s: MailServerForm) => ({ host: s.host.trim(), port: Number(s.port), secure: s.secure, user: s.user.trim() || form.address.trim() });
  return {
    address: form.address.trim(),
    ...(form.senderName.trim() ? { name: form.senderName.trim() } : {}),
    imap: server(form.imap),
    smtp: server(form.smtp),
    ...(form.pollSeconds.trim() ? { pollSeconds: Number(form.pollSeconds) } : {}),
  };
}

function secretsOf(form: EmailChannelForm) {
  return { imapPassword: form.imapPassword, ...(form.smtpPassword ? { smtpPassword: form.smtpPassword } : {}) };
}

export function formOf(channel: Channel): EmailChannelForm {
  const c = channel.config as unknown as EmailConfig;
  const server = (s: EmailConfig['imap']) => ({ host: s?.host ?? '', port: String(s?.port ?? ''), secure: s?.secure ?? true, user: s?.user ?? '' });
  return {
    ...emptyEmailForm,
    name: channel.name, address: c.address ?? '', senderName: c.name ?? '', imap: server(c.imap), smtp: server(c.smtp),
    pollSeconds: c.pollSeconds ? String(c.pollSeconds) : '', defaultTeamId: channel.defaultTeamId === null ? null : String(channel.defaultTeamId),
  };
}

/** What the poller last said (config.poller): when it read the mailbox and the error, if it failed. */
export function pollerStatus(channel: Channel): { lastPolledAt: string | null; lastError: string | null } {
  const p = (channel.config as unknown as EmailConfig).poller;
  return { lastPolledAt: p?.lastPolledAt ?? null, lastError: p?.lastError ?? null };
}

/** `body.config.imap.host` → imapHost, `body.secrets.smtpPassword` → smtpPassword, `body.config.pollSeconds` → pollSeconds. */
export function emailFieldsOf(err: unknown): EmailField[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as Array<{ field?: string }>).map((d) => {
    const parts = String(d?.field ?? '').split('.').filter((p) => p !== 'body' && p !== 'config' && p !== 'secrets');
    if (parts[0] === 'imap' || parts[0] === 'smtp') return `${parts[0]}${(parts[1] ?? '').charAt(0).toUpperCase()}${(parts[1] ?? '').slice(1)}` as EmailField;
    return (parts[0] === 'name' && String(d?.field).includes('config') ? 'senderName' : parts[0]) as EmailField;
  });
}

export function useSaveEmailChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ form, id }: { form: EmailChannelForm; id?: number }) => {
      const defaultTeamId = form.defaultTeamId ? Number(form.defaultTeamId) : null;
      if (id === undefined) return api<ChannelWithSecret>('/channels', { body: { type: 'email', name: form.name.trim(), config: configOf(form), secrets: secretsOf(form), defaultTeamId } });
      // The secrets are replaced together: only when a new IMAP password is typed.
      return api<ChannelWithSecret>(`/channels/${id}`, {
        method: 'PATCH',
        body: { name: form.name.trim(), config: { ...configOf(form), ...(form.senderName.trim() ? {} : { name: null }), ...(form.pollSeconds.trim() ? {} : { pollSeconds: null }) }, defaultTeamId, ...(form.imapPassword ? { secrets: secretsOf(form) } : {}) },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  });
}

/** "Probar conexión": the server logs in to the IMAP and SMTP servers with the saved settings (and reads the mailbox at once). */
export function useTestEmailConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<ChannelConnection>(`/channels/${id}/connect`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  });
}
