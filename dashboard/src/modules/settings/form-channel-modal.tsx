import { useEffect, useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Badge, Button, Divider, Group, Modal, SegmentedControl, Select, Stack, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldErrors } from '../auth/validation';
import { useChannels, type Channel, type ChannelWithSecret } from './channels.api';
import { useContactFields } from './contact-fields.api';
import { serverErrors } from './form-errors';
import { DefaultTeamSelect } from './default-team-select';
import { CopyField } from './secret-modal';
import { FormActions } from './settings-ui';
import {
  emptyFormChannel, formFieldsOf, formOf, formSnippet, isOwnFormField, OWN_FORM_FIELDS, REPLY_CHANNEL_TYPES, useSaveFormChannel,
  type FormChannelField, type FormChannelForm, type FormFieldConfig,
} from './form-channel.api';

const fieldNames: FormChannelField[] = ['name', 'defaultTeamId', 'fields', 'replyChannelId', 'allowedOrigins', 'successMessage', 'redirectUrl', 'submitLabel'];
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/;

/** The code to paste in the page, and (after creating) the key for the site's own back end, shown once. */
function EmbedStep({ channel, formKey }: { channel: Pick<Channel, 'id' | 'webhookUrl'>; formKey?: string }) {
  const { t } = useTranslation();
  const w = (key: string) => t(`settings.channels.form.${key}`);
  return (
    <Stack gap="xs">
      <CopyField label={w('snippet')} value={formSnippet(channel)} testId="form-snippet" />
      <Text size="xs" c="dimmed">{w('snippetHelp')}</Text>
      {formKey && (
        <>
          <CopyField label={w('formKey')} value={formKey} testId="form-key" />
          <Text size="xs" c="dimmed">{w('formKeyHelp')}</Text>
        </>
      )}
    </Stack>
  );
}

/** The form's fields in order: the text each shows, whether it is required, up, down, remove; and the fields to add. */
function FieldsEditor({ value, onChange, error }: { value: FormFieldConfig[]; onChange: (fields: FormFieldConfig[]) => void; error?: string }) {
  const { t } = useTranslation();
  const w = (key: string, values?: Record<string, unknown>) => t(`settings.channels.form.${key}`, values);
  const contactFields = useContactFields();
  const kindOf = (key: string) => (isOwnFormField(key) ? w(`own.${key}`) : (contactFields.data?.find((f) => f.key === key)?.label ?? key));
  const patch = (i: number, p: Partial<FormFieldConfig>) => onChange(value.map((f, j) => (j === i ? { ...f, ...p } : f)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  const present = new Set(value.map((f) => f.key));
  const addable = [
    ...OWN_FORM_FIELDS.filter((k) => !present.has(k)).map((k) => ({ value: k, label: w(`own.${k}`) })),
    ...(contactFields.data ?? []).filter((f) => !present.has(f.key) && !isOwnFormField(f.key)).map((f) => ({ value: f.key, label: `${w('contactField')}: ${f.label}` })),
  ];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>{w('fields')}</Text>
      <Text size="xs" c="dimmed">{w('fieldsHint')}</Text>
      {value.map((f, i) => {
        const kind = kindOf(f.key);
        return (
          <Group key={f.key} wrap="nowrap" align="flex-end" data-testid="form-field-row">
            <TextInput label={kind} description={isOwnFormField(f.key) ? undefined : w('contactField')} value={f.label} onChange={(e) => patch(i, { label: e.currentTarget.value })} style={{ flex: 1 }} />
            <Switch label={w('required')} aria-label={w('requiredOf', { field: kind })} checked={f.required} onChange={(e) => patch(i, { required: e.currentTarget.checked })} mb={8} />
            <ActionIcon variant="subtle" aria-label={w('moveUp', { field: kind })} disabled={i === 0} onClick={() => move(i, -1)} mb={4}>↑</ActionIcon>
            <ActionIcon variant="subtle" aria-label={w('moveDown', { field: kind })} disabled={i === value.length - 1} onClick={() => move(i, 1)} mb={4}>↓</ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={w('remove', { field: kind })} onClick={() => onChange(value.filter((_, j) => j !== i))} mb={4}>×</ActionIcon>
          </Group>
        );
      })}
      {error && <Text size="sm" c="red" role="alert">{error}</Text>}
      {addable.length > 0 && (
        <Select
          label={w('addField')}
          placeholder={w('addFieldPlaceholder')}
          data={addable}
          value={null}
          onChange={(key) => key && onChange([...value, { key, label: isOwnFormField(key) ? w(`own.${key}`) : kindOf(key), required: false }])}
          maw={320}
        />
      )}
    </Stack>
  );
}

function validate(t: TFunction, form: FormChannelForm): FieldErrors<FormChannelField> {
  const w = (key: string, values?: Record<string, unknown>) => String(t(`settings.channels.form.${key}`, values));
  const found: FieldErrors<FormChannelField> = {};
  if (!form.name.trim()) found.name = t('validation.required');
  if (!form.replyChannelId) found.replyChannelId = t('validation.required');
  if (!form.fields.some((f) => f.key === 'email' || f.key === 'phone')) found.fields = w('needsAddress');
  else if (form.fields.some((f) => !f.label.trim())) found.fields = w('labelRequired');
  const bad = form.allowedOrigins.find((d) => !DOMAIN.test(d.trim().toLowerCase()));
  if (bad) found.allowedOrigins = w('allowedOriginsInvalid', { value: bad });
  if (form.redirectUrl.trim() && !/^https?:\/\/\S+$/i.test(form.redirectUrl.trim())) found.redirectUrl = w('redirectUrlInvalid');
  return found;
}

/**
 * A web form ("Consultas" of a customer portal): its fields, the email or SMS channel replies go out through, the
 * sites that may post it, what the customer reads after sending; then the code to paste in the page.
 */
export function FormChannelModal({ opened, onClose, channel }: { opened: boolean; onClose: () => void; channel?: Channel }) {
  const { t } = useTranslation();
  const w = (key: string, values?: Record<string, unknown>) => t(`settings.channels.form.${key}`, values);
  const save = useSaveFormChannel();
  const channels = useChannels();
  const [form, setForm] = useState<FormChannelForm>(() => emptyFormChannel(ownLabels(w)));
  const [errors, setErrors] = useState<FieldErrors<FormChannelField>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ChannelWithSecret | null>(null);
  const set = <K extends keyof FormChannelForm>(key: K, value: FormChannelForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  useEffect(() => {
    if (!opened) return;
    setForm(channel ? formOf(channel) : emptyFormChannel(ownLabels(w)));
    setErrors({});
    setError(null);
    setCreated(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when opened or switched, not on every render
  }, [opened, channel]);

  const replyChannels = (channels.data ?? []).filter((c) => REPLY_CHANNEL_TYPES.includes(c.type) && (c.active || String(c.id) === form.replyChannelId));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found = validate(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { id: channel?.id, form },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: w('saved') });
          if (channel) onClose();
          else setCreated(saved as ChannelWithSecret);
        },
        onError: (err) => {
          const named = formFieldsOf(err).filter((f) => fieldNames.includes(f));
          const result = serverErrors(t, err, fieldNames, { conflictField: 'name' });
          setErrors({ ...result.fieldErrors, ...Object.fromEntries(named.map((f) => [f, t('validation.invalid')])) });
          setError(named.length ? null : result.message);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={channel ? w('editTitle', { name: channel.name }) : w('title')} centered size="xl" closeOnClickOutside={!created}>
      {created ? (
        <Stack gap="md" data-testid="form-created">
          <EmbedStep channel={created} formKey={created.secret} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{w('done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">{w('intro')}</Text>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            {channel && <EmbedStep channel={channel} />}
            <TextInput label={t('settings.channels.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required data-autofocus />
            <DefaultTeamSelect value={form.defaultTeamId} onChange={(defaultTeamId) => set('defaultTeamId', defaultTeamId)} error={errors.defaultTeamId} />
            <Select
              label={w('replyChannel')}
              description={w('replyChannelHint')}
              data={replyChannels.map((c) => ({ value: String(c.id), label: `${c.name} (${t(`channels.types.${c.type}`, { defaultValue: c.type })})` }))}
              value={form.replyChannelId}
              onChange={(id) => set('replyChannelId', id)}
              error={errors.replyChannelId}
              required
            />
            {channels.isSuccess && replyChannels.length === 0 && <Alert color="yellow" variant="light">{w('noReplyChannels')}</Alert>}

            <Divider />
            <FieldsEditor value={form.fields} onChange={(fields) => set('fields', fields)} error={errors.fields} />

            <Divider />
            <TagsInput label={w('allowedOrigins')} description={w('allowedOriginsHint')} value={form.allowedOrigins} onChange={(o) => set('allowedOrigins', o)} error={errors.allowedOrigins} splitChars={[',', ' ']} />
            <Textarea label={w('successMessage')} description={w('successMessageHint')} value={form.successMessage} onChange={(e) => set('successMessage', e.currentTarget.value)} error={errors.successMessage} autosize minRows={2} />
            <TextInput label={w('redirectUrl')} description={w('redirectUrlHint')} placeholder="https://example.com/gracias" value={form.redirectUrl} onChange={(e) => set('redirectUrl', e.currentTarget.value)} error={errors.redirectUrl} />
            <Group grow align="flex-start">
              <TextInput label={w('submitLabel')} placeholder={w('submitLabelDefault')} value={form.submitLabel} onChange={(e) => set('submitLabel', e.currentTarget.value)} error={errors.submitLabel} />
              <Stack gap={4}>
                <Text size="sm" fw={500}>{w('language')}</Text>
                <SegmentedControl value={form.language} onChange={(l) => set('language', l as 'es' | 'en')} data={[{ value: 'es', label: w('languages.es') }, { value: 'en', label: w('languages.en') }]} />
              </Stack>
            </Group>
            {form.allowedOrigins.length === 0 && <Badge color="gray" variant="light" style={{ alignSelf: 'flex-start' }}>{w('anySite')}</Badge>}
            <FormActions onCancel={onClose} loading={save.isPending} submitLabel={channel ? t('settings.save') : t('settings.create')} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

const ownLabels = (w: (key: string) => string) => Object.fromEntries(OWN_FORM_FIELDS.map((k) => [k, w(`defaultLabels.${k}`)])) as Record<(typeof OWN_FORM_FIELDS)[number], string>;
