import './app-shell.css';
import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useMatch } from 'react-router';
import { useMe, type Me } from '../auth';
import { RealtimeProvider } from '../realtime/realtime-provider';
import { NotificationBell } from '../../modules/notifications/notification-bell';
import { StatusMenu } from '../../modules/presence/status-menu';
import { usePresence } from '../../modules/presence/use-presence';
import { BoardIcon, BotReviewIcon, CallsIcon, ConversationsIcon, SettingsIcon, TransfersIcon, WorkflowsIcon } from './nav-icons';
import { UserMenu } from './user-menu';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

export const isAdmin = (me: Me) => me.role === 'owner' || me.role === 'admin';

/** The inbox uses the whole width and height; other screens get the usual margin. */
export const isFullBleed = (pathname: string) => pathname === '/conversations' || pathname.startsWith('/conversations/');

function HeaderLink({ item }: { item: NavItem }) {
  const active = useMatch({ path: item.to, end: false }) !== null;
  return (
    <Button
      component={RouterNavLink}
      to={item.to}
      variant={active ? 'light' : 'subtle'}
      color={active ? 'teal' : 'gray'}
      size="compact-sm"
      leftSection={item.icon}
      aria-current={active ? 'page' : undefined}
      aria-label={item.label}
      title={item.label}
    >
      <span className="atiende-nav-label">{item.label}</span>
    </Button>
  );
}

function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [navOpen, { toggle, close }] = useDisclosure();
  usePresence();

  const items: NavItem[] = [
    { to: '/conversations', label: t('shell.nav.conversations'), icon: <ConversationsIcon /> },
    // Calls have no team or assignee: supervisors and up, and agents who see everything (the server's canSeeCalls).
    ...(me.role !== 'agent' || me.accessLevel === 'all' ? [{ to: '/calls', label: t('shell.nav.calls'), icon: <CallsIcon /> }] : []),
    ...(me.role !== 'agent' ? [{ to: '/board', label: t('board.nav'), icon: <BoardIcon /> }] : []),
    ...(me.role !== 'agent' ? [{ to: '/reports/transfers', label: t('reports.nav.transfers'), icon: <TransfersIcon /> }] : []),
    ...(me.role !== 'agent' ? [{ to: '/bot-review', label: t('bots.review.nav'), icon: <BotReviewIcon /> }] : []),
    ...(me.role !== 'agent' ? [{ to: '/workflows', label: t('workflows.nav'), icon: <WorkflowsIcon /> }] : []),
    ...(isAdmin(me) ? [{ to: '/settings', label: t('shell.nav.settings'), icon: <SettingsIcon /> }] : []),
  ];
  const fullBleed = isFullBleed(pathname);

  return (
    <AppShell
      header={{ height: 56 }}
      // On wide screens the navigation sits in the header, so the inbox keeps every column; small screens open it from the burger.
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen, desktop: true } }}
      padding={fullBleed ? 0 : 'md'}
    >
      <AppShell.Header className="atiende-shell-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <Text fw={700} c="teal.8">
              Atiende
            </Text>
            <Text c="dimmed" aria-hidden>
              /
            </Text>
            <Text fw={500} truncate maw={260} data-testid="workspace-name">
              {me.workspace.name}
            </Text>
            <Group component="nav" gap={4} ml="md" wrap="nowrap" visibleFrom="sm" aria-label={t('shell.navigation')}>
              {items.map((item) => (
                <HeaderLink key={item.to} item={item} />
              ))}
            </Group>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <StatusMenu />
            <NotificationBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')} className="atiende-shell-navbar">
        {items.map((item) => (
          <NavLink key={item.to} component={RouterNavLink} to={item.to} label={item.label} leftSection={item.icon} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main className="atiende-shell-main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** The signed-in frame: header (workspace, navigation, status, notifications, user menu), the current screen, the live connection. */
export function AppShellLayout() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <RealtimeProvider>
      <Shell me={me} />
    </RealtimeProvider>
  );
}
