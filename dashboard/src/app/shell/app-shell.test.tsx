// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { fakeApi, makeMe, renderWithProviders } from '../../modules/settings/test-kit';
import { defaultPreferences } from '../../modules/profile/profile.api';
import type { Role } from '../auth';
import { AppShellLayout, isFullBleed } from './app-shell';

/** The browser's WebSocket, never opened here: the shell's live stream is tested with the realtime provider. */
class SilentSocket {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  send() {}
  close() {}
}

function server() {
  let status = 'online';
  return fakeApi({
    'GET /profile': () => ({ body: { user: { id: 1, email: 'ana@optica.example', name: 'Ana Pérez', avatarUrl: null, language: 'es', status, notificationPreferences: defaultPreferences } } }),
    'POST /presence/heartbeat': () => ({ body: { status } }),
    'PUT /profile/status': (req) => {
      status = (req.body as { status: string }).status;
      return { body: { status } };
    },
    'GET /notifications': () => ({ body: { items: [], nextCursor: null, unreadCount: 0 } }),
  });
}

function renderShell(role: Role, path = '/conversations') {
  const router = createMemoryRouter(
    [
      {
        element: <AppShellLayout />,
        children: [
          { path: 'conversations', element: <h1>Bandeja</h1> },
          { path: 'settings/*', element: <h1>Ajustes</h1> },
          { path: 'profile', element: <h1>Perfil</h1> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  return { ...renderWithProviders(<RouterProvider router={router} />, { me: makeMe(role, 1) }), router };
}

beforeEach(() => vi.stubGlobal('WebSocket', SilentSocket));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('app shell', () => {
  it('shows the workspace, the navigation with settings for admins, the status, the bell and the user menu', async () => {
    server();
    renderShell('admin');
    expect((await screen.findByTestId('workspace-name')).textContent).toBe('Óptica Caracas');
    const nav = screen.getAllByRole('navigation', { name: 'Navegación' })[0]!;
    expect(within(nav).getByRole('link', { name: 'Conversaciones' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Ajustes' })).toBeTruthy();
    expect(screen.getByTestId('status-menu')).toBeTruthy();
    expect(screen.getByTestId('notification-bell')).toBeTruthy();
    expect(screen.getByTestId('user-menu')).toBeTruthy();
  });

  it('keeps settings out of the navigation for agents', async () => {
    server();
    renderShell('agent');
    await screen.findByTestId('workspace-name');
    const nav = screen.getAllByRole('navigation', { name: 'Navegación' })[0]!;
    expect(within(nav).queryByRole('link', { name: 'Ajustes' })).toBeNull();
  });

  it('sends a heartbeat at once and shows the status it gets back', async () => {
    const api = server();
    renderShell('agent');
    await waitFor(() => expect(api.writes().find((r) => r.path === '/presence/heartbeat')?.body).toEqual({ idle: false }));
    await waitFor(() => expect(screen.getByTestId('status-menu').getAttribute('aria-label')).toBe('Estado de actividad: En línea'));
  });

  it('changes the activity status from the header', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    renderShell('agent');
    await waitFor(() => expect(screen.getByTestId('status-menu').getAttribute('aria-label')).toBe('Estado de actividad: En línea'));
    await user.click(screen.getByTestId('status-menu'));
    await user.click(await screen.findByRole('menuitem', { name: /Ocupado/, hidden: true }));
    await waitFor(() => expect(screen.getByTestId('status-menu').getAttribute('aria-label')).toBe('Estado de actividad: Ocupado'));
    expect(api.writes().filter((r) => r.path === '/profile/status').map((r) => r.body)).toEqual([{ status: 'busy' }]);
  });

  it('opens the profile from the user menu, which keeps the language and sign-out items', async () => {
    server();
    const user = userEvent.setup({ delay: null });
    const { router } = renderShell('agent');
    await user.click(await screen.findByTestId('user-menu'));
    expect(await screen.findByRole('menuitem', { name: 'English', hidden: true })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Cerrar sesión', hidden: true })).toBeTruthy();
    await user.click(screen.getByRole('menuitem', { name: 'Mi perfil', hidden: true }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/profile'));
  });

  it('gives the inbox the full width', () => {
    expect(isFullBleed('/conversations')).toBe(true);
    expect(isFullBleed('/conversations/12')).toBe(true);
    expect(isFullBleed('/conversations-archive')).toBe(false);
    expect(isFullBleed('/settings/users')).toBe(false);
    expect(isFullBleed('/profile')).toBe(false);
  });
});
