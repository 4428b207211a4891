import { useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRealtimeEvent } from '../../../app/realtime/realtime-provider';
import { useSettingsAccess } from '../../settings/settings-access';
import { ConfirmMutation, EmptyRow, QueryState, SettingsSection } from '../../settings/settings-ui';
import { botKeys, hasKnowledge, useBots, useDeleteBot, useRotateBotCredentials, type Bot } from '../bots.api';
import { BotCredentialsModal, type ShownCredentials } from './bot-credentials-modal';
import { BotModal } from './bot-modal';

function ChannelsCell({ bot }: { bot: Bot }) {
  const { t } = useTranslation();
  if (bot.channels.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('bots.noChannels')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {bot.channels.map((channel) => (
        <Badge key={channel.id} size="sm" variant={channel.botEnabled ? 'light' : 'outline'} color={channel.botEnabled ? 'teal' : 'gray'} title={channel.botEnabled ? t('bots.channelOn') : t('bots.channelOff')}>
          {channel.name}
        </Badge>
      ))}
    </Group>
  );
}

/** Settings → Bot: the workspace's bots, what kind each is, the channels it answers and the size of its knowledge. */
export function BotsSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { isAdmin } = useSettingsAccess();
  const bots = useBots();
  const remove = useDeleteBot();
  const rotate = useRotateBotCredentials();
  const [editing, setEditing] = useState<Bot | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Bot | null>(null);
  const [rotating, setRotating] = useState<Bot | null>(null);
  const [credentials, setCredentials] = useState<ShownCredentials | null>(null);

  useRealtimeEvent((event) => {
    if (event.type.startsWith('bot.')) void queryClient.invalidateQueries({ queryKey: botKeys.all });
  });

  const columns = isAdmin ? 4 : 3;
  return (
    <SettingsSection title={t('settings.nav.bots')} description={t('bots.description')} readOnly={!isAdmin} actions={isAdmin && <Button onClick={() => setEditing('new')}>{t('bots.create')}</Button>}>
      <QueryState query={bots}>
        {() => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="bots-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bots.fields.name')}</Table.Th>
                  <Table.Th>{t('bots.channels')}</Table.Th>
                  <Table.Th>{t('bots.intents')}</Table.Th>
                  {isAdmin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bots.data!.length === 0 && <EmptyRow colSpan={columns}>{t('bots.empty')}</EmptyRow>}
                {bots.data!.map((bot) => (
                  <Table.Tr key={bot.id} data-testid="bot-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {bot.name}
                        </Text>
                        <Badge size="sm" variant="light">
                          {t(`bots.kinds.${bot.kind}`)}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ChannelsCell bot={bot} />
                    </Table.Td>
                    <Table.Td>
                      {hasKnowledge(bot.kind) ? (
                        <Button component={Link} to={`/settings/bots/${bot.id}`} size="compact-xs" variant="subtle" aria-label={t('bots.openKnowledge', { name: bot.name })}>
                          {t('bots.intentCount', { count: bot.intentCount })}
                        </Button>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('bots.remoteKnowledge')}
                        </Text>
                      )}
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(bot)}>
                            {t('settings.edit')}
                          </Button>
                          {bot.kind === 'webhook' && (
                            <Button size="compact-xs" variant="subtle" onClick={() => setRotating(bot)}>
                              {t('bots.rotate')}
                            </Button>
                          )}
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(bot)}>
                            {t('settings.delete')}
                          </Button>
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
      <BotModal
        opened={editing !== null}
        bot={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onCreated={(bot, created) => {
          notifications.show({ color: 'teal', message: t('bots.created', { name: bot.name }) });
          if (created) setCredentials({ botName: bot.name, credentials: created });
        }}
      />
      <BotCredentialsModal shown={credentials} onClose={() => setCredentials(null)} />
      <ConfirmMutation
        target={rotating}
        mutation={rotate}
        onDone={() => setRotating(null)}
        onSuccess={(result) => setCredentials({ botName: result.bot.name, credentials: result.credentials })}
        title={t('bots.rotateTitle')}
        message={t('bots.rotateConfirm', { name: rotating?.name ?? '' })}
        confirmLabel={t('bots.rotate')}
      />
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        onSuccess={() => notifications.show({ color: 'teal', message: t('settings.deleted') })}
        title={t('bots.deleteTitle')}
        message={deleting && deleting.channels.length ? t('bots.deleteConfirmChannels', { name: deleting.name, count: deleting.channels.length }) : t('bots.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
