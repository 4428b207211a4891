import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { playBeep } from '../notifications/beep';
import { browserPermission, requestBrowserPermission } from '../notifications/browser-notifications';
import type { BrowserPermission } from '../notifications/alert-plan';
import { defaultPreferences, notificationTypes, useUpdateProfile, type NotificationPref, type NotificationPreferences, type NotificationPreferencesPatch, type NotificationType, type Profile } from './profile.api';

const channels = ['inApp', 'browser', 'sound'] as const satisfies ReadonlyArray<keyof NotificationPref>;

/** Fills in types the server did not list, so every switch has a value. */
export function completePreferences(prefs: Partial<NotificationPreferences> | undefined): NotificationPreferences {
  return Object.fromEntries(notificationTypes.map((type) => [type, { ...defaultPreferences[type], ...prefs?.[type] }])) as NotificationPreferences;
}

/** The preferences with a change (being saved) applied, so a switch moves at once. */
export function applyPreferencePatch(prefs: NotificationPreferences, patch: NotificationPreferencesPatch | undefined): NotificationPreferences {
  if (!patch) return prefs;
  return Object.fromEntries(notificationTypes.map((type) => [type, { ...prefs[type], ...patch[type] }])) as NotificationPreferences;
}

function BrowserPermissionRow() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState<BrowserPermission>(browserPermission);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c={permission === 'denied' ? 'red' : 'dimmed'} data-testid="browser-permission">
          {t(`profile.notifications.permission.${permission}`)}
        </Text>
        <Group gap="xs">
          {permission === 'default' && (
            <Button size="xs" variant="light" onClick={() => void requestBrowserPermission().then(setPermission)}>
              {t('profile.notifications.allowBrowser')}
            </Button>
          )}
          <Button size="xs" variant="subtle" onClick={playBeep}>
            {t('profile.notifications.testSound')}
          </Button>
        </Group>
      </Group>
      {permission === 'denied' && (
        <Alert color="yellow" variant="light">
          {t('profile.notifications.deniedHelp')}
        </Alert>
      )}
    </Stack>
  );
}

/** Per kind of notification: in the app (the bell), as a browser notification, with a sound. Saved on each switch. */
export function NotificationSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const pending = update.isPending ? update.variables?.notificationPreferences : undefined;
  const prefs = applyPreferencePatch(completePreferences(profile.notificationPreferences), pending);

  // Only the switched channel travels, so two quick switches (or two tabs) do not undo each other.
  const toggle = (type: NotificationType, channel: keyof NotificationPref, on: boolean) =>
    update.mutate(
      { notificationPreferences: { [type]: { [channel]: on } } },
      { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) },
    );

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="profile-notifications">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="profile-notifications">
            {t('profile.notifications.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.notifications.intro')}
          </Text>
        </div>
        <Table verticalSpacing="sm" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="40%">{t('profile.notifications.type')}</Table.Th>
              {channels.map((channel) => (
                <Table.Th key={channel} ta="center">
                  {t(`profile.notifications.channel.${channel}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {notificationTypes.map((type) => (
              <Table.Tr key={type}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(`profile.notifications.types.${type}`)}
                  </Text>
                </Table.Td>
                {channels.map((channel) => (
                  <Table.Td key={channel}>
                    <Group justify="center">
                      <Switch
                        checked={prefs[type][channel]}
                        disabled={channel !== 'inApp' && !prefs[type].inApp}
                        onChange={(e) => toggle(type, channel, e.currentTarget.checked)}
                        aria-label={`${t(`profile.notifications.types.${type}`)}: ${t(`profile.notifications.channel.${channel}`)}`}
                      />
                    </Group>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('profile.notifications.inAppFirst')}
        </Text>
        <BrowserPermissionRow />
      </Stack>
    </Paper>
  );
}
