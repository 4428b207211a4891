import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import type { FieldErrors } from '../auth/validation';
import { useCreateApiChannel, useChannels, useConnectChannel, useDeactivateChannel, useRotateSecret, useUpdateChannel, type Channel, type ChannelWithSecret } from './channels.api';
import { showConnection } from './telegram-channel-modal';
import { NewChannelMenu } from './new-channel-menu';
import { SyncTemplatesButton } from './whatsapp-channel-modal';
import { WebchatChannelModal } from './webchat-channel-modal';
import { EmailChannelModal } from './email-channel-modal';
import { FormChannelModal } from './form-channel-modal';

/** Channel types whose provider can be asked whether our settings work (the adapter's connect). */
const CONNECTABLE = new Set(['telegram', 'whatsapp', 'email', 'twilio', 'twilio_whatsapp', 'vonage', 'messagebird']);
import { serverErrors } from './form-errors';
import { SecretModal } from './secret-modal';
import { useSettingsAccess } from './settings-access';
import { EmptyRow, QueryState, SettingsSection, ConfirmMutation, FormActions } from './settings-ui';
import { validateApiChannel } from './settings-validation';
import { DefaultTeamSelect } from './default-team-select';
import { ChannelHoursModal } from './channel-hours-modal';
import { ChannelBotControl } from '../bots/channel-bot-control';

type Field = 'name' | 'outboundUrl' | 'defaultTeamId';
const fields: Field[] = ['name', 'outboundUrl', 'defaultTeamId'];

const outboundUrlOf = (channel: Channel | null) => (typeof channel?.config.outboundUrl === 'string' ? channel.config.outboundUrl : '');

/** Create (channel null) or edit an API channel: its name, where replies are posted, the team new conversations go to. */
export function ApiChannelModal({ opened, channel, onClose, onCreated }: { opened: boolean; channel: Channel | null; onClose: () => void; onCreated: (c: ChannelWithSecret) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiChannel();
  const update = useUpdateChannel();
  const [form, setForm] = useState({ name: '', outboundUrl: '', defaultTeamId: null as string | null });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm({ name: channel?.name ?? '', outboundUrl: outboundUrlOf(channel), defaultTeamId: channel?.defaultTeamId ? String(channel.defaultTeamId) : null });
    setErrors({});
    setError(null);
  }, [opened, channel]);

  const set = (field: 'name' | 'outboundUrl') => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((x) => ({ ...x, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validateApiChannel(t, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const input = { name: form.name.trim(), outboundUrl: form.outboundUrl.trim(), defaultTeamId: form.defaultTeamId ? Number(form.defaultTeamId) : null };
    const onError = (err: unknown) => {
      const result = serverErrors(t, err, fields, { conflictField: 'name', aliases: { config: 'outboundUrl' } });
      setErrors(result.fieldErrors);
      setError(result.message);
    };
    if (channel) {
      update.mutate(
        { id: channel.id, ...input },
        {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('settings.saved') });
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          onClose();
          onCreated(created);
        },
        onError,
      });
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={channel ? t('settings.channels.editTitle') : t('settings.channels.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {!channel && (
            <Text size="sm" c="dimmed">
              {t('settings.channels.apiIntro')}
            </Text>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('settings.channels.name')} value={form.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} required data-autofocus />
          <TextInput
            label={t('settings.channels.outboundUrl')}
            description={t('settings.channels.outboundUrlHint')}
            placeholder="https://example.com/atiende/replies"
            value={form.outboundUrl}
            onChange={(e) => set('outboundUrl')(e.currentTarget.value)}
            error={errors.outboundUrl}
            required
          />
          <DefaultTeamSelect value={form.defaultTeamId} onChange={(defaultTeamId) => setForm((f) => ({ ...f, defaultTeamId }))} error={errors.defaultTeamId} />
          <FormActions onCancel={onClose} loading={create.isPending || update.isPending} submitLabel={channel ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Channels: the API channel is created here (others arrive with their own set-up); hook URL, secret rotation, deactivation. */
export function ChannelsSettings() {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const channels = useChannels();
  const rotate = useRotateSecret();
  const deactivate = useDeactivateChannel();
  const update = useUpdateChannel();
  const [editing, setEditing] = useState<Channel | null | 'new'>(null);
  const [secretOf, setSecretOf] = useState<ChannelWithSecret | null>(null);
  const [rotating, setRotating] = useState<Channel | null>(null);
  const [deactivating, setDeactivating] = useState<Channel | null>(null);
  const [editingOwn, setEditingOwn] = useState<Channel | null>(null);
  const [hoursOf, setHoursOf] = useState<Channel | null>(null);
  const connect = useConnectChannel();

  return (
    <SettingsSection
      title={t('settings.nav.channels')}
      description={t('settings.channels.description')}
      readOnly={!isAdmin}
      actions={
        isAdmin && (
          <NewChannelMenu onApi={() => setEditing('new')} />
        )
      }
    >
      <QueryState query={channels}>
        {() => (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" data-testid="channels-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.channels.name')}</Table.Th>
                  <Table.Th>{t('settings.channels.hookUrl')}</Table.Th>
                  <Table.Th>{t('settings.channels.state')}</Table.Th>
                  <Table.Th>{t('settings.channels.bot')}</Table.Th>
                  {isAdmin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {channels.data!.length === 0 && <EmptyRow colSpan={isAdmin ? 5 : 4}>{t('settings.channels.empty')}</EmptyRow>}
                {channels.data!.map((channel) => (
                  <Table.Tr key={channel.id} data-testid="channel-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {channel.name}
                        </Text>
                        <Badge size="sm" variant="light">
                          {t(`channels.types.${channel.type}`, { defaultValue: channel.type })}
                        </Badge>
                      </Group>
                      {outboundUrlOf(channel) && (
                        <Text size="xs" c="dimmed" truncate maw={320}>
                          {t('settings.channels.repliesTo', { url: outboundUrlOf(channel) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Code style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 300 }}>{channel.webhookUrl}</Code>
                        <CopyButton value={channel.webhookUrl}>
                          {({ copied, copy }) => (
                            <Tooltip label={copied ? t('settings.copied') : t('settings.copy')} withArrow>
                              <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`${t('settings.copy')}: ${t('settings.channels.hookUrl')}`}>
                                {copied ? '✓' : t('settings.copy')}
                              </Button>
                            </Tooltip>
                          )}
                        </CopyButton>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={channel.active ? 'teal' : 'gray'} variant={channel.active ? 'light' : 'outline'} size="sm">
                        {channel.active ? t('settings.channels.active') : t('settings.channels.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <ChannelBotControl channel={channel} readOnly={!isAdmin} />
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {channel.type === 'api' && (
                            <Button size="compact-xs" variant="subtle" onClick={() => setEditing(channel)}>
                              {t('settings.edit')}
                            </Button>
                          )}
                          {(channel.type === 'webchat' || channel.type === 'email' || channel.type === 'form') && (
                            <Button size="compact-xs" variant="subtle" onClick={() => setEditingOwn(channel)}>
                              {t('settings.edit')}
                            </Button>
                          )}
                          <Button size="compact-xs" variant="subtle" onClick={() => setHoursOf(channel)} data-testid="channel-hours">
                            {t('settings.channels.hours')}
                          </Button>
                          {channel.capabilities?.templates && <SyncTemplatesButton channelId={channel.id} />}
                          {CONNECTABLE.has(channel.type) && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              loading={connect.isPending && connect.variables === channel.id}
                              onClick={() => connect.mutate(channel.id, { onSuccess: (c) => showConnection(t, c, channel.type), onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) })}
                            >
                              {t('settings.channels.testConnection')}
                            </Button>
                          )}
                          <Button size="compact-xs" variant="subtle" onClick={() => setRotating(channel)}>
                            {t('settings.channels.rotate')}
                          </Button>
                          {channel.active ? (
                            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeactivating(channel)}>
                              {t('settings.channels.deactivate')}
                            </Button>
                          ) : (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="teal"
                              loading={update.isPending && update.variables?.id === channel.id}
                              onClick={() => update.mutate({ id: channel.id, active: true }, { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) })}
                            >
                              {t('settings.channels.reactivate')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <ApiChannelModal opened={editing !== null} channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onCreated={setSecretOf} />
      <WebchatChannelModal opened={editingOwn?.type === 'webchat'} channel={editingOwn ?? undefined} onClose={() => setEditingOwn(null)} />
      <EmailChannelModal opened={editingOwn?.type === 'email'} channel={editingOwn ?? undefined} onClose={() => setEditingOwn(null)} />
      <FormChannelModal opened={editingOwn?.type === 'form'} channel={editingOwn ?? undefined} onClose={() => setEditingOwn(null)} />
      <SecretModal channel={secretOf} onClose={() => setSecretOf(null)} />
      <ChannelHoursModal channel={hoursOf} onClose={() => setHoursOf(null)} />
      <ConfirmMutation
        target={rotating}
        mutation={rotate}
        onDone={() => setRotating(null)}
        // Telegram's secret is ours to keep (Atiende hands it to Telegram); an integration must copy the API channel's.
        onSuccess={(withSecret) => (withSecret.connection?.status === 'failed' || withSecret.connection?.status === 'connected' ? showConnection(t, withSecret.connection) : setSecretOf(withSecret))}
        title={t('settings.channels.rotateTitle')}
        message={t('settings.channels.rotateConfirm', { name: rotating?.name ?? '' })}
        confirmLabel={t('settings.channels.rotate')}
      />
      <ConfirmMutation
        target={deactivating}
        mutation={deactivate}
        onDone={() => setDeactivating(null)}
        title={t('settings.channels.deactivateTitle')}
        message={t('settings.channels.deactivateConfirm', { name: deactivating?.name ?? '' })}
        confirmLabel={t('settings.channels.deactivate')}
      />
    </SettingsSection>
  );
}
