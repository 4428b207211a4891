import { useEffect, useState, type FormEvent } from 'react';
import {
  ActionIcon, Alert, Button, Checkbox, Chip, Code, ColorInput, CopyButton, Divider, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, TagsInput, Text, Textarea, TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import type { Channel, ChannelWithSecret } from './channels.api';
import { serverErrors } from './form-errors';
import { useSaveWebchatChannel, webchatSnippet, type Campaign, type PrechatField, type WebchatConfig } from './webchat-channel.api';
import { FormActions } from './settings-ui';

type Field = 'name' | 'config';
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/;
const FIELD_TYPES: PrechatField['type'][] = ['text', 'email', 'tel', 'number', 'date', 'checkbox'];

const defaults = (): WebchatConfig => ({
  allowedDomains: [],
  greeting: '',
  color: '#1c7ed6',
  position: 'right',
  identityVerification: false,
  prechat: { enabled: false, message: '', fields: [] },
  campaigns: [],
  businessHours: null,
});

/** The editable part of a stored channel's config (the rest, like the public token, stays as it is). */
function configOf(channel: Channel | undefined): WebchatConfig {
  const c = (channel?.config ?? {}) as Partial<WebchatConfig>;
  return { ...defaults(), ...c, prechat: { ...defaults().prechat, ...c.prechat }, businessHours: c.businessHours ?? null };
}

/**
 * The web chat widget: look, greeting, allowed domains, pre-chat form, proactive campaigns and business hours.
 * After creating, it shows the embed snippet to copy and the identity secret (once); for an existing channel the
 * snippet is always shown.
 */
export function WebchatChannelModal({ opened, onClose, channel }: { opened: boolean; onClose: () => void; channel?: Channel }) {
  const { t } = useTranslation();
  const w = (key: string, values?: Record<string, unknown>) => t(`settings.channels.webchat.${key}`, values);
  const save = useSaveWebchatChannel();
  const [name, setName] = useState('');
  const [config, setConfig] = useState<WebchatConfig>(defaults);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ChannelWithSecret | null>(null);
  const set = <K extends keyof WebchatConfig>(key: K, value: WebchatConfig[K]) => setConfig((c) => ({ ...c, [key]: value }));

  useEffect(() => {
    if (!opened) return;
    setName(channel?.name ?? '');
    setConfig(configOf(channel));
    setErrors({});
    setError(null);
    setCreated(null);
  }, [opened, channel]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldErrors<Field> = {};
    if (!name.trim()) found.name = t('validation.required');
    const badDomain = config.allowedDomains.find((d) => !DOMAIN.test(d.trim().toLowerCase()));
    if (badDomain) found.config = w('allowedDomainsInvalid', { value: badDomain });
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { ...config, allowedDomains: config.allowedDomains.map((d) => d.trim().toLowerCase()) };
    save.mutate(
      { id: channel?.id, name: name.trim(), config: body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: w('saved') });
          if (channel) onClose();
          else setCreated(saved as ChannelWithSecret);
        },
        onError: (err) => {
          const result = serverErrors(t, err, ['name', 'config'], { conflictField: 'name' });
          setErrors(result.fieldErrors);
          setError(result.message);
        },
      },
    );
  };

  const shown = created ?? channel;
  return (
    <Modal opened={opened} onClose={onClose} title={channel ? w('editTitle', { name: channel.name }) : w('title')} centered size="xl">
      {created ? (
        <Stack gap="sm">
          <Snippet channel={created} />
          <Text fw={600} size="sm">{w('identitySecret')}</Text>
          <Group gap="xs" wrap="nowrap">
            <Code style={{ flex: 1, wordBreak: 'break-all' }} data-testid="webchat-identity-secret">{created.secret}</Code>
            <Copy value={created.secret} />
          </Group>
          <Text size="xs" c="dimmed">{w('identitySecretOnce')}</Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{w('done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">{w('intro')}</Text>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            {shown && <Snippet channel={shown} />}
            <TextInput label={t('settings.channels.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required data-autofocus />
            <Group grow align="flex-start">
              <ColorInput label={w('color')} value={config.color} onChange={(color) => set('color', color)} format="hex" />
              <Stack gap={4}>
                <Text size="sm" fw={500}>{w('position')}</Text>
                <SegmentedControl value={config.position} onChange={(p) => set('position', p as 'right' | 'left')} data={[{ value: 'right', label: w('right') }, { value: 'left', label: w('left') }]} />
              </Stack>
            </Group>
            <Textarea label={w('greeting')} description={w('greetingHint')} value={config.greeting} onChange={(e) => set('greeting', e.currentTarget.value)} autosize minRows={2} />
            <TagsInput label={w('allowedDomains')} description={w('allowedDomainsHint')} value={config.allowedDomains} onChange={(d) => set('allowedDomains', d)} error={errors.config} splitChars={[',', ' ']} />
            <Switch label={w('identityVerification')} description={w('identityVerificationHint')} checked={config.identityVerification} onChange={(e) => set('identityVerification', e.currentTarget.checked)} />

            <Divider label={w('prechat')} labelPosition="left" />
            <Switch label={w('prechatEnabled')} checked={config.prechat.enabled} onChange={(e) => set('prechat', { ...config.prechat, enabled: e.currentTarget.checked })} />
            {config.prechat.enabled && (
              <PrechatFields value={config.prechat.fields} onChange={(fields) => set('prechat', { ...config.prechat, fields })} message={config.prechat.message} onMessage={(message) => set('prechat', { ...config.prechat, message })} />
            )}

            <Divider label={w('campaigns')} labelPosition="left" />
            <Campaigns value={config.campaigns} onChange={(campaigns) => set('campaigns', campaigns)} />

            <Divider label={w('businessHours')} labelPosition="left" />
            <Hours value={config.businessHours} onChange={(hours) => set('businessHours', hours)} />

            <FormActions onCancel={onClose} loading={save.isPending} submitLabel={channel ? w('save') : t('settings.create')} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function Copy({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{t(copied ? 'settings.channels.webchat.copied' : 'settings.channels.webchat.copy')}</Button>}
    </CopyButton>
  );
}

function Snippet({ channel }: { channel: Pick<Channel, 'webhookUrl' | 'config'> }) {
  const { t } = useTranslation();
  const code = webchatSnippet(channel);
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">{t('settings.channels.webchat.snippet')}</Text>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="webchat-snippet">{code}</Code>
        <Copy value={code} />
      </Group>
      <Text size="xs" c="dimmed">{t('settings.channels.webchat.snippetHelp')}</Text>
    </Stack>
  );
}

function PrechatFields({ value, onChange, message, onMessage }: { value: PrechatField[]; onChange: (v: PrechatField[]) => void; message: string; onMessage: (m: string) => void }) {
  const { t } = useTranslation();
  const w = (key: string) => t(`settings.channels.webchat.${key}`);
  const patch = (i: number, p: Partial<PrechatField>) => onChange(value.map((f, j) => (j === i ? { ...f, ...p } : f)));
  return (
    <Stack gap="xs">
      <TextInput label={w('prechatMessage')} value={message} onChange={(e) => onMessage(e.currentTarget.value)} />
      {value.map((f, i) => (
        <Group key={i} align="flex-end" wrap="nowrap">
          <TextInput label={w('fieldKey')} description={i === 0 ? w('fieldKeyHint') : undefined} value={f.key} onChange={(e) => patch(i, { key: e.currentTarget.value.trim().toLowerCase() })} w={150} />
          <TextInput label={w('fieldLabel')} value={f.label} onChange={(e) => patch(i, { label: e.currentTarget.value })} style={{ flex: 1 }} />
          <Select label={w('fieldType')} data={FIELD_TYPES} value={f.type} onChange={(type) => patch(i, { type: (type ?? 'text') as PrechatField['type'] })} w={110} allowDeselect={false} />
          <Checkbox label={w('fieldRequired')} checked={f.required} onChange={(e) => patch(i, { required: e.currentTarget.checked })} mb={8} />
          <ActionIcon variant="subtle" color="red" aria-label={w('remove')} onClick={() => onChange(value.filter((_, j) => j !== i))} mb={4}>×</ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...value, { key: value.some((f) => f.key === 'name') ? (value.some((f) => f.key === 'email') ? '' : 'email') : 'name', label: '', type: 'text', required: true }])}>
          {w('addField')}
        </Button>
      </Group>
    </Stack>
  );
}

function Campaigns({ value, onChange }: { value: Campaign[]; onChange: (v: Campaign[]) => void }) {
  const { t } = useTranslation();
  const w = (key: string) => t(`settings.channels.webchat.${key}`);
  const patch = (i: number, p: Partial<Campaign>) => onChange(value.map((c, j) => (j === i ? { ...c, ...p } : c)));
  return (
    <Stack gap="xs">
      {value.map((c, i) => (
        <Stack key={c.id} gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          <Group align="flex-end" wrap="nowrap">
            <TextInput label={w('campaignMessage')} value={c.message} onChange={(e) => patch(i, { message: e.currentTarget.value })} style={{ flex: 1 }} />
            <ActionIcon variant="subtle" color="red" aria-label={w('remove')} onClick={() => onChange(value.filter((_, j) => j !== i))} mb={4}>×</ActionIcon>
          </Group>
          <Group grow align="flex-end">
            <TextInput label={w('campaignUrl')} value={c.urlPattern} onChange={(e) => patch(i, { urlPattern: e.currentTarget.value })} />
            <NumberInput label={w('campaignSeconds')} value={c.secondsOnPage} min={0} max={3600} onChange={(n) => patch(i, { secondsOnPage: Number(n) || 0 })} />
          </Group>
          <Checkbox label={w('campaignBusinessHours')} checked={c.businessHoursOnly} onChange={(e) => patch(i, { businessHoursOnly: e.currentTarget.checked })} />
        </Stack>
      ))}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...value, { id: `c${Date.now().toString(36)}`, message: '', urlPattern: '*', secondsOnPage: 10, businessHoursOnly: false, enabled: true }])}>
          {w('addCampaign')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One interval on the chosen weekdays: what most shops have. */
function Hours({ value, onChange }: { value: WebchatConfig['businessHours']; onChange: (v: WebchatConfig['businessHours']) => void }) {
  const { t } = useTranslation();
  const w = (key: string) => t(`settings.channels.webchat.${key}`);
  const days = w('days').split(',');
  const first = value?.schedule[0] ?? { from: '09:00', to: '18:00' };
  const chosen = [...new Set((value?.schedule ?? []).map((s) => String(s.day)))];
  const build = (p: { timezone?: string; days?: string[]; from?: string; to?: string }) => {
    const from = p.from ?? first.from;
    const to = p.to ?? first.to;
    onChange({ timezone: p.timezone ?? value?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, schedule: (p.days ?? chosen).map((d) => ({ day: Number(d), from, to })) });
  };
  return (
    <Stack gap="xs">
      <Switch label={w('businessHoursEnabled')} checked={!!value} onChange={(e) => (e.currentTarget.checked ? build({ days: ['1', '2', '3', '4', '5'] }) : onChange(null))} />
      {value && (
        <>
          <Chip.Group multiple value={chosen} onChange={(d) => build({ days: d })}>
            <Group gap={6}>
              {days.map((label, i) => <Chip key={label} value={String(i + 1)} size="xs">{label}</Chip>)}
            </Group>
          </Chip.Group>
          <Group grow>
            <TextInput label={w('timezone')} value={value.timezone} onChange={(e) => build({ timezone: e.currentTarget.value })} />
            <TextInput label={w('from')} type="time" value={first.from} onChange={(e) => build({ from: e.currentTarget.value })} />
            <TextInput label={w('to')} type="time" value={first.to} onChange={(e) => build({ to: e.currentTarget.value })} />
          </Group>
        </>
      )}
    </Stack>
  );
}
