// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { meKey, type Me } from '../../app/auth';
import { fakeApi, makeMe, renderWithApp, validationError } from './test-kit';
import { WorkspaceSettings } from './workspace-settings';

const workspace = { id: 1, name: 'Óptica Caracas', timezone: 'America/Caracas', language: 'es', reopenWindowMinutes: 1440, createdAt: '2025-01-01T00:00:00.000Z' };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('workspace settings', () => {
  it('sends only what changed and renames the header at once', async () => {
    const api = fakeApi({
      'GET /workspace': () => ({ body: { workspace } }),
      'PATCH /workspace': (req) => ({ body: { workspace: { ...workspace, ...(req.body as object) } } }),
    });
    const user = userEvent.setup({ delay: null });
    const { queryClient } = renderWithApp(<WorkspaceSettings />);
    const name = await screen.findByLabelText(/^Nombre del espacio de trabajo/);
    expect(screen.getByText(/\(1 día\)/)).toBeTruthy();
    await user.clear(name);
    await user.type(name, 'Óptica Maracaibo');
    const minutes = screen.getByLabelText(/^Ventana de reapertura/);
    await user.clear(minutes);
    await user.type(minutes, '120');
    expect(screen.getByText(/\(2 horas\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ name: 'Óptica Maracaibo', reopenWindowMinutes: 120 });
    await waitFor(() => expect(queryClient.getQueryData<Me>(meKey)!.workspace.name).toBe('Óptica Maracaibo'));
  });

  it('refuses an empty name before asking the server, and shows the server’s field errors', async () => {
    const api = fakeApi({
      'GET /workspace': () => ({ body: { workspace } }),
      'PATCH /workspace': () => validationError('body.reopenWindowMinutes'),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<WorkspaceSettings />);
    const name = await screen.findByLabelText(/^Nombre del espacio de trabajo/);
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Este campo es obligatorio')).toBeTruthy();
    expect(api.writes()).toEqual([]);
    await user.type(name, 'Otra');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(screen.getByLabelText(/^Ventana de reapertura/).getAttribute('aria-invalid')).toBe('true'));
  });

  it('is shown read-only to agents', async () => {
    fakeApi({ 'GET /workspace': () => ({ body: { workspace } }) });
    renderWithApp(<WorkspaceSettings />, { me: makeMe('agent', 3) });
    const name = await screen.findByLabelText(/^Nombre del espacio de trabajo/);
    expect((name as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Guardar' })).toBeNull();
    expect(screen.getByTestId('settings-read-only')).toBeTruthy();
  });
});
