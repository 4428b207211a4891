import { useEffect, useState } from 'react';
import { ActionIcon, Box, Button, Center, Group, Indicator, Loader, Popover, ScrollArea, SegmentedControl, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/error-message';
import { useFormatTime } from '../../app/format';
import { notificationTitle } from './notification-text';
import { unreadCountOf, useMarkNotificationsRead, useNotificationList, type AppNotification, type NotificationFilter } from './notifications.api';
import { useNotificationAlerts, useReadNotificationsOfOpenConversation } from './use-notification-alerts';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M20 6 9 17l-5-5" />
    </svg>
  );
}

const typeColor: Record<string, string> = { assigned: 'teal', mentioned: 'violet', new_message: 'blue' };

function NotificationItem({ notification, onOpen, onMarkRead }: { notification: AppNotification; onOpen: () => void; onMarkRead: () => void }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const unread = notification.readAt === null;
  return (
    <Group
      gap={0}
      wrap="nowrap"
      align="stretch"
      data-testid="notification-item"
      data-unread={unread || undefined}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', background: unread ? 'var(--mantine-color-teal-0)' : undefined }}
    >
      <UnstyledButton component={Link} to={`/conversations/${notification.conversationId}`} onClick={onOpen} px="sm" py={8} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Box
            mt={6}
            w={8}
            h={8}
            style={{ flex: 'none', borderRadius: '50%', background: unread ? `var(--mantine-color-${typeColor[notification.type] ?? 'teal'}-6)` : 'transparent' }}
            aria-hidden
          />
          <Box miw={0} style={{ flex: 1 }}>
            <Text size="sm" fw={unread ? 600 : 400} lineClamp={1}>
              {notificationTitle(t, notification)}
            </Text>
            {notification.preview && (
              <Text size="xs" c="dimmed" lineClamp={2} style={{ wordBreak: 'break-word' }}>
                {notification.preview}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              {t(`notifications.type.${notification.type}`)} · {formatTime(notification.createdAt)}
            </Text>
          </Box>
        </Group>
      </UnstyledButton>
      {unread && (
        <Center px={6}>
          <Tooltip label={t('notifications.markRead')} withinPortal>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('notifications.markRead')} onClick={onMarkRead}>
              <CheckIcon />
            </ActionIcon>
          </Tooltip>
        </Center>
      )}
    </Group>
  );
}

/** The header's bell: unread badge, a list of what concerns me (assigned, @mentions, new messages), live. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [filter, setFilter] = useState<NotificationFilter>('all');
  const all = useNotificationList('all');
  const unreadList = useNotificationList('unread', opened && filter === 'unread');
  const list = filter === 'all' ? all : unreadList;
  const markRead = useMarkNotificationsRead();
  useNotificationAlerts();
  useReadNotificationsOfOpenConversation(all.data);

  const unreadCount = unreadCountOf(all.data);
  // The tab's title carries the count, so it shows from another tab or window.
  useEffect(() => {
    document.title = unreadCount > 0 ? `(${unreadCount}) Atiende` : 'Atiende';
  }, [unreadCount]);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const onError = (err: unknown) => toasts.show({ color: 'red', message: errorMessage(t, err) });

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal trapFocus={false}>
      <Popover.Target>
        <Indicator label={unreadCount > 99 ? '99+' : unreadCount} size={16} color="red" offset={4} disabled={unreadCount === 0} inline>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notifications.bellLabel', { count: unreadCount })}
            aria-expanded={opened}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-list">
        <Group justify="space-between" px="sm" pt="sm" pb={6} wrap="nowrap">
          <Text fw={600}>{t('notifications.heading')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={unreadCount === 0} loading={markRead.isPending} onClick={() => markRead.mutate('all', { onError })}>
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <Box px="sm" pb={6}>
          <SegmentedControl
            size="xs"
            fullWidth
            value={filter}
            onChange={(value) => setFilter(value as NotificationFilter)}
            data={[
              { value: 'all', label: t('notifications.filter.all') },
              { value: 'unread', label: t('notifications.filter.unread', { count: unreadCount }) },
            ]}
          />
        </Box>
        <ScrollArea.Autosize mah={420} type="auto" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          {list.isPending ? (
            <Center p="md">
              <Loader size="sm" />
            </Center>
          ) : list.isError ? (
            <Stack p="md" gap="xs" align="center">
              <Text size="sm" c="red">
                {errorMessage(t, list.error)}
              </Text>
              <Button size="xs" variant="light" onClick={() => void list.refetch()}>
                {t('common.retry')}
              </Button>
            </Stack>
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" p="lg" data-testid="notifications-empty">
              {filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')}
            </Text>
          ) : (
            <>
              {items.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  onOpen={() => {
                    setOpened(false);
                    if (notification.readAt === null) markRead.mutate([notification.id], { onError });
                  }}
                  onMarkRead={() => markRead.mutate([notification.id], { onError })}
                />
              ))}
              {list.hasNextPage && (
                <Center p="xs">
                  <Button size="xs" variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    {t('notifications.loadMore')}
                  </Button>
                </Center>
              )}
            </>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
