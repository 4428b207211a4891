// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, makeMe, renderWithApp, validationError } from './test-kit';
import { UsersSettings } from './users-settings';
import type { Member } from './members.api';

const member = (id: number, over: Partial<Member> = {}): Member => ({
  id,
  email: `user${id}@optica.example`,
  name: `Persona ${id}`,
  avatarUrl: null,
  language: 'es',
  role: 'agent',
  accessLevel: 'all',
  active: true,
  teamIds: [],
  joinedAt: '2025-01-01T00:00:00.000Z',
  status: 'offline',
  lastSeenAt: null,
  ...over,
});

const members = [
  member(1, { name: 'Ana Pérez', role: 'owner', status: 'online' }),
  member(2, { name: 'Bruno Díaz', role: 'agent', accessLevel: 'team', teamIds: [10], status: 'busy' }),
  member(3, { name: 'Carla Ruiz', active: false }),
];
const teams = [{ id: 10, name: 'Ventas', description: '', memberIds: [2], createdAt: '2025-01-01T00:00:00.000Z' }];

function server(over: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
  return fakeApi({
    'GET /users': () => ({ body: { items: members, nextCursor: null } }),
    'GET /teams': () => ({ body: { items: teams, nextCursor: null } }),
    'GET /invitations': () => ({ body: { items: [], nextCursor: null } }),
    ...over,
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('users settings', () => {
  it('lists members with role, access level, teams and status', async () => {
    server();
    renderWithApp(<UsersSettings />, { me: makeMe('owner', 1) });
    const rows = await screen.findAllByTestId('member-row');
    expect(rows).toHaveLength(3);
    const bruno = rows.find((row) => row.textContent?.includes('Bruno Díaz'))!;
    expect(bruno.textContent).toContain('Agente');
    expect(bruno.textContent).toContain('Las de sus equipos');
    expect(bruno.textContent).toContain('Ventas');
    expect(bruno.textContent).toContain('Ocupado');
    // Deactivated people go last and say so.
    expect(rows[2]!.textContent).toContain('Carla Ruiz');
    expect(rows[2]!.textContent).toContain('Desactivado');
  });

  it('checks the invitation form before sending, then sends email, role, access level and teams', async () => {
    const api = server({ 'POST /invitations': (req) => ({ status: 201, body: { invitation: { id: 5, ...(req.body as object), name: null, invitedBy: 1, expiresAt: '2025-01-08T00:00:00.000Z', createdAt: '2025-01-01T00:00:00.000Z' }, emailed: true } }) });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<UsersSettings />, { me: makeMe('owner', 1) });
    await screen.findAllByTestId('member-row');
    await user.click(screen.getByRole('button', { name: 'Invitar' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar invitación' }));
    expect(await within(dialog).findByText('Escribe un correo electrónico válido')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Correo electrónico/), 'nuevo@optica.example');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar invitación' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'POST', path: '/invitations', body: { email: 'nuevo@optica.example', role: 'agent', accessLevel: 'all', teamIds: [] } });
    expect(await screen.findByText('Invitación enviada a nuevo@optica.example')).toBeTruthy();
  });

  it("shows the server's answer on the field it names", async () => {
    server({
      'POST /invitations': (req) =>
        (req.body as { email: string }).email.startsWith('dup') ? { status: 409, body: { error: { code: 'conflict', message: 'already a member' } } } : validationError('body.email'),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<UsersSettings />, { me: makeMe('admin', 1) });
    await screen.findAllByTestId('member-row');
    await user.click(screen.getByRole('button', { name: 'Invitar' }));
    const dialog = await screen.findByRole('dialog');
    const email = within(dialog).getByLabelText(/Correo electrónico/);
    await user.type(email, 'raro@optica.example');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar invitación' }));
    expect(await within(dialog).findByText('Valor no válido')).toBeTruthy();
    await user.clear(email);
    await user.type(email, 'dup@optica.example');
    await user.click(within(dialog).getByRole('button', { name: 'Enviar invitación' }));
    expect(await within(dialog).findByText('Ya existe uno con este valor')).toBeTruthy();
  });

  it('deactivates a member after confirming', async () => {
    const api = server({ 'PATCH /users/:id': (req) => ({ body: { user: { ...members[1], ...(req.body as object) } } }) });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<UsersSettings />, { me: makeMe('owner', 1) });
    const rows = await screen.findAllByTestId('member-row');
    const bruno = rows.find((row) => row.textContent?.includes('Bruno Díaz'))!;
    await user.click(within(bruno).getByRole('button', { name: 'Desactivar' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Desactivar' }));
    await waitFor(() => expect(api.writes()).toEqual([expect.objectContaining({ method: 'PATCH', path: '/users/2', body: { active: false } })]));
    await waitFor(() => expect(screen.getAllByTestId('member-row').find((row) => row.textContent?.includes('Bruno Díaz'))!.textContent).toContain('Desactivado'));
  });

  it('is read-only for agents: no invitations, no actions', async () => {
    const api = server();
    renderWithApp(<UsersSettings />, { me: makeMe('agent', 2) });
    await screen.findAllByTestId('member-row');
    expect(screen.getByTestId('settings-read-only')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Invitar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Desactivar' })).toBeNull();
    expect(api.requests.some((r) => r.path === '/invitations')).toBe(false);
  });
});
