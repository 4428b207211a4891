import { Box, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet } from 'react-router';

const sections = [
  { group: 'team', items: ['users', 'teams'] },
  { group: 'inbox', items: ['channels', 'bots', 'tags', 'snippets', 'closing-categories'] },
  { group: 'contacts', items: ['contact-fields'] },
  { group: 'workspace', items: ['workspace'] },
] as const;

/** Settings: a menu of sections on the left, the chosen one on the right. */
export function SettingsLayout() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.title')}</Title>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Box component="nav" aria-label={t('settings.menu')} w={210} style={{ flex: 'none' }}>
          {sections.map((section) => (
            <Box key={section.group} mb="sm">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                {t(`settings.groups.${section.group}`)}
              </Text>
              {section.items.map((item) => (
                <NavLink key={item} component={RouterNavLink} to={`/settings/${item}`} label={t(`settings.nav.${item}`)} py={6} />
              ))}
            </Box>
          ))}
        </Box>
        <Box miw={0} style={{ flex: 1 }}>
          <Outlet />
        </Box>
      </Group>
    </Stack>
  );
}
