import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet } from 'react-router';
import { useMe } from '../auth';
import { UserMenu } from './user-menu';

/** The signed-in frame: header with the workspace and the user menu, the navigation, the current screen. */
export function AppShellLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [navOpen, { toggle }] = useDisclosure();
  if (!me) return null;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <Text fw={700} c="teal.8">
              Atiende
            </Text>
            <Text c="dimmed" aria-hidden>
              /
            </Text>
            <Text fw={500} truncate data-testid="workspace-name">
              {me.workspace.name}
            </Text>
          </Group>
          <UserMenu me={me} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
        <NavLink component={RouterNavLink} to="/conversations" label={t('shell.nav.conversations')} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
