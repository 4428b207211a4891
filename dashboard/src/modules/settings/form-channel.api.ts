import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api-client';
import { useReplaceInList, type Channel, type ChannelWithSecret } from './channels.api';

/** Fields that fill the contact (name, email, phone) or the message (subject, message); any other key is a contact field's. */
export const OWN_FORM_FIELDS = ['name', 'email', 'phone', 'subject', 'message'] as const;
export type OwnFormField = (typeof OWN_FORM_FIELDS)[number];
export const isOwnFormField = (key: string): key is OwnFormField => (OWN_FORM_FIELDS as readonly string[]).includes(key);

/** The channel types a form can answer through (the server checks the same list). */
export const REPLY_CHANNEL_TYPES = ['email', 'twilio', 'vonage', 'messagebird'];

export interface FormFieldConfig {
  key: string;
  label: string;
  required: boolean;
}

export interface FormChannelForm {
  name: string;
  defaultTeamId: string | null;
  fields: FormFieldConfig[];
  replyChannelId: string | null;
  allowedOrigins: string[];
  successMessage: string;
  redirectUrl: string;
  submitLabel: string;
  language: 'es' | 'en';
}

export type FormChannelField = 'name' | 'defaultTeamId' | 'fields' | 'replyChannelId' | 'allowedOrigins' | 'successMessage' | 'redirectUrl' | 'submitLabel';

/** A new form asks what a "Consultas" form of a customer portal asks (labels in the admin's language). */
export function emptyFormChannel(labels: Record<OwnFormField, string>): FormChannelForm {
  return {
    name: '',
    defaultTeamId: null,
    fields: [
      { key: 'name', label: labels.name, required: true },
      { key: 'email', label: labels.email, required: true },
      { key: 'phone', label: labels.phone, required: false },
      { key: 'subject', label: labels.subject, required: true },
      { key: 'message', label: labels.message, required: true },
    ],
    replyChannelId: null,
    allowedOrigins: [],
    successMessage: '',
    redirectUrl: '',
    submitLabel: '',
    language: 'es',
  };
}

export function formOf(channel: Channel): FormChannelForm {
  const c = channel.config as Partial<{ fields: FormFieldConfig[]; replyChannelId: number; allowedOrigins: string[]; successMessage: string; redirectUrl: string; submitLabel: string; language: 'es' | 'en' }>;
  return {
    name: channel.name,
    defaultTeamId: channel.defaultTeamId === null ? null : String(channel.defaultTeamId),
    fields: (c.fields ?? []).map((f) => ({ key: f.key, label: f.label, required: !!f.required })),
    replyChannelId: c.replyChannelId ? String(c.replyChannelId) : null,
    allowedOrigins: c.allowedOrigins ?? [],
    successMessage: c.successMessage ?? '',
    redirectUrl: c.redirectUrl ?? '',
    submitLabel: c.submitLabel ?? '',
    language: c.language ?? 'es',
  };
}

/** Empty texts are left out (the server's defaults apply); on an edit they are removed with null. */
function configOf(form: FormChannelForm, editing: boolean) {
  const optional = (value: string) => (value.trim() ? value.trim() : editing ? null : undefined);
  return {
    fields: form.fields.map((f) => ({ key: f.key, label: f.label.trim(), required: f.required })),
    replyChannelId: Number(form.replyChannelId),
    allowedOrigins: form.allowedOrigins.map((o) => o.trim().toLowerCase()),
    successMessage: optional(form.successMessage),
    redirectUrl: optional(form.redirectUrl),
    submitLabel: optional(form.submitLabel),
    language: form.language,
  };
}

/** `body.config.replyChannelId` → replyChannelId, `body.config.fields.2.key` → fields, `body.name` → name. */
export function formFieldsOf(err: unknown): FormChannelField[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as Array<{ field?: string }>).map((d) => String(d?.field ?? '').split('.').filter((p) => p !== 'body' && p !== 'config')[0] as FormChannelField);
}

/** Where the form's script and hook live: the server's public URL, as in the channel's webhook URL. */
export function formSnippet(channel: Pick<Channel, 'id' | 'webhookUrl'>) {
  return `<div data-atiende-form="${channel.id}"></div>\n<script src="${channel.webhookUrl}/embed.js" async></script>`;
}

export function useSaveFormChannel() {
  const keep = useReplaceInList();
  return useMutation({
    mutationFn: ({ id, form }: { id?: number; form: FormChannelForm }) => {
      const defaultTeamId = form.defaultTeamId ? Number(form.defaultTeamId) : null;
      return id === undefined
        ? api<ChannelWithSecret>('/channels', { body: { type: 'form', name: form.name.trim(), config: configOf(form, false), defaultTeamId } })
        : api<Channel>(`/channels/${id}`, { method: 'PATCH', body: { name: form.name.trim(), config: configOf(form, true), defaultTeamId } });
    },
    onSuccess: keep,
  });
}
