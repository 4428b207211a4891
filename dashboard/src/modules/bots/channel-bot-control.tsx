import { Group, Select, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { useUpdateChannel, type Channel } from '../settings/channels.api';
import { useBots } from './bots.api';

/** The select's value for "no bot named": the server then uses the workspace's first bot. */
const FIRST_BOT = 'first';

/**
 * Whether the bot answers a channel's customers, and which bot: saved at once (PATCH of the channel). A channel
 * that names no bot gets the workspace's first one.
 */
export function ChannelBotControl({ channel, readOnly = false }: { channel: Channel; readOnly?: boolean }) {
  const { t } = useTranslation();
  const bots = useBots();
  const update = useUpdateChannel();
  const botId = channel.botId ?? null;
  const save = (changes: { botId: number | null; botEnabled: boolean }) =>
    update.mutate({ id: channel.id, ...changes }, { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) });

  const list = bots.data ?? [];
  const noBots = bots.isSuccess && list.length === 0;
  const first = list.reduce<(typeof list)[number] | null>((a, b) => (a && a.id < b.id ? a : b), null);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="channel-bot">
      <Switch
        aria-label={t('bots.channel.enabled', { name: channel.name })}
        checked={channel.botEnabled}
        onChange={(e) => save({ botId, botEnabled: e.currentTarget.checked })}
        disabled={readOnly || update.isPending || (noBots && !channel.botEnabled)}
      />
      {noBots ? (
        <Text size="xs" c="dimmed">
          {t('bots.channel.noBots')}
        </Text>
      ) : (
        bots.isSuccess && (
          <Select
            aria-label={t('bots.channel.bot', { name: channel.name })}
            size="xs"
            w={170}
            value={botId === null ? FIRST_BOT : String(botId)}
            onChange={(value) => value && save({ botId: value === FIRST_BOT ? null : Number(value), botEnabled: channel.botEnabled })}
            data={[{ value: FIRST_BOT, label: t('bots.channel.first', { name: first?.name ?? '' }) }, ...list.map((bot) => ({ value: String(bot.id), label: bot.name }))]}
            allowDeselect={false}
            disabled={readOnly || update.isPending}
            comboboxProps={{ withinPortal: true }}
          />
        )
      )}
    </Group>
  );
}
