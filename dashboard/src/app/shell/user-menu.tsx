import { Avatar, Group, Indicator, Menu, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { chooseLanguage, languages } from '../../i18n/i18n';
import { useLogout, useSaveLanguage, type Me } from '../auth';
import { profileKey, useProfile, type Profile } from '../../modules/profile/profile.api';
import { presenceColor } from '../../modules/presence/presence-status';

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

export function UserMenu({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const logout = useLogout();
  const saveLanguage = useSaveLanguage();
  const queryClient = useQueryClient();
  const { data: profile } = useProfile();
  const status = profile?.status ?? 'offline';
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Indicator color={presenceColor[status]} position="bottom-end" size={10} offset={4} withBorder>
              <Avatar src={profile?.avatarUrl ?? null} color="teal" radius="xl" size="sm" alt="">
                {initials(me.user.name)}
              </Avatar>
            </Indicator>
            <Text size="sm" visibleFrom="sm" truncate maw={180}>
              {me.user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={500} c="dark" truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`roles.${me.role}`)}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile">
          {t('shell.profile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/snippets">
          {t('shell.mySnippets')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('language.label')}</Menu.Label>
        {languages.map((lng) => (
          <Menu.Item
            key={lng}
            onClick={() => {
              chooseLanguage(lng);
              if (me.user.language !== lng) {
                saveLanguage.mutate(lng, {
                  onSuccess: () => queryClient.setQueryData<Profile>(profileKey, (profile) => (profile ? { ...profile, language: lng } : profile)),
                });
              }
            }}
            rightSection={i18n.resolvedLanguage === lng ? '✓' : null}
            aria-current={i18n.resolvedLanguage === lng ? 'true' : undefined}
          >
            {t(`language.name.${lng}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
