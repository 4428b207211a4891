import { Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { errorMessage } from '../../app/error-message';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { useProfile } from '../profile/profile.api';
import { rememberStatus, useSetStatus } from './presence.api';
import { isPresenceStatus, presenceStatuses } from './presence-status';
import { StatusDot } from './status-dot';

/** The header's activity status: the current one as a dot, a menu to change it. */
export function StatusMenu() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const { data: profile } = useProfile();
  const setStatus = useSetStatus();
  const myId = me?.user.id;

  // Another tab, the auto-away or the server's "no heartbeat" sweep changed it.
  useRealtimeEvent((event) => {
    if (event.type !== 'user.status_changed') return;
    const payload = event.payload as { userId?: number; status?: unknown };
    if (payload.userId === myId && isPresenceStatus(payload.status)) rememberStatus(queryClient, payload.status);
  });

  const status = profile?.status ?? 'offline';
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('presence.menuLabel', { status: t(`presence.status.${status}`) })} data-testid="status-menu" px={6} py={4}>
          <Group gap={6} wrap="nowrap">
            <StatusDot status={status} />
            <Text size="sm" visibleFrom="md">
              {t(`presence.status.${status}`)}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('presence.title')}</Menu.Label>
        {presenceStatuses.map((option) => (
          <Menu.Item
            key={option}
            leftSection={<StatusDot status={option} />}
            rightSection={option === status ? '✓' : null}
            aria-current={option === status ? 'true' : undefined}
            disabled={setStatus.isPending}
            onClick={() =>
              setStatus.mutate(option, {
                onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }),
              })
            }
          >
            <Text size="sm">{t(`presence.status.${option}`)}</Text>
            <Text size="xs" c="dimmed">
              {t(`presence.hint.${option}`)}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Text size="xs" c="dimmed" px="sm" py={4}>
          {t('presence.autoAway', { minutes: 5 })}
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
