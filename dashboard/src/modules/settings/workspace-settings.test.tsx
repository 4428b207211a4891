// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { meKey, type Me } from '../../app/auth';
import { fakeApi, makeMe, renderWithApp, validationError } from './test-kit';
import { WorkspaceSettings } from './workspace-settings';

const workspace = {
  id: 1,
  name: 'Óptica Caracas',
  timezone: 'America/Caracas',
  language: 'es',
  reopenWindowMinutes: 1440,
  onlyAssigneeReplies: false,
  closingNotePolicy: 'optional',
  closingMessage: null,
  closeResumesBot: true,
  closeReleasesAssignee: true,
  agentReplyPausesBot: true,
  autoAwayMinutes: 5,
  autoOfflineMinutes: 30,
  createdAt: '2025-01-01T00:00:00.000Z',
};

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

  it('Conversaciones and Presencia: ownership, closing note, closing message, close switches and idle minutes travel, and the session follows', async () => {
    const api = fakeApi({
      'GET /workspace': () => ({ body: { workspace } }),
      'PATCH /workspace': (req) => ({ body: { workspace: { ...workspace, ...(req.body as object) } } }),
    });
    const user = userEvent.setup({ delay: null });
    const { queryClient } = renderWithApp(<WorkspaceSettings />);
    const conversations = await screen.findByTestId('settings-conversations');
    expect(within(conversations).getByRole('heading', { name: 'Conversaciones' })).toBeTruthy();
    expect(within(screen.getByTestId('settings-presence')).getByRole('heading', { name: 'Presencia' })).toBeTruthy();
    const ownership = screen.getByRole('switch', { name: /^Solo la persona asignada responde/ }) as HTMLInputElement;
    expect(ownership.checked).toBe(false);
    await user.click(ownership);
    await user.click(screen.getByRole('combobox', { name: 'Nota de cierre' }));
    await user.click(await screen.findByRole('option', { name: 'Categoría obligatoria', hidden: true }));
    await user.type(screen.getByLabelText(/^Mensaje de cierre/), '  Gracias por escribirnos  ');
    expect((screen.getByRole('switch', { name: /^Liberar la asignación/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('switch', { name: /^Reactivar el bot/ }));
    await user.click(screen.getByRole('switch', { name: /^Pausar el bot cuando responde una persona/ }));
    const away = screen.getByLabelText(/^Ausente tras inactividad/);
    await user.clear(away);
    await user.type(away, '10');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ onlyAssigneeReplies: true, closingNotePolicy: 'category', closingMessage: 'Gracias por escribirnos', closeResumesBot: false, agentReplyPausesBot: false, autoAwayMinutes: 10 });
    await waitFor(() => expect(queryClient.getQueryData<Me>(meKey)!.workspace).toMatchObject({ onlyAssigneeReplies: true, closingNotePolicy: 'category', autoAwayMinutes: 10 }));
  });

  it('an emptied closing message is sent as none; missing idle minutes are refused before the server', async () => {
    const api = fakeApi({
      'GET /workspace': () => ({ body: { workspace: { ...workspace, closingMessage: 'Adiós' } } }),
      'PATCH /workspace': (req) => (req.body as { autoOfflineMinutes?: number }).autoOfflineMinutes ? validationError('body.autoOfflineMinutes') : { body: { workspace: { ...workspace, ...(req.body as object) } } },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<WorkspaceSettings />);
    const message = await screen.findByLabelText(/^Mensaje de cierre/);
    expect((message as HTMLTextAreaElement).value).toBe('Adiós');
    const away = screen.getByLabelText(/^Ausente tras inactividad/);
    await user.clear(away); // empty; out-of-range numbers are clamped by the input itself
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Un número entero entre 1 y 240')).toBeTruthy();
    expect(api.writes()).toEqual([]);
    await user.clear(away);
    await user.type(away, '5');
    await user.clear(message);
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ closingMessage: null });
    const offline = screen.getByLabelText(/^Desconectado tras ausencia/);
    await user.clear(offline);
    await user.type(offline, '45');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(offline.getAttribute('aria-invalid')).toBe('true'));
  });

  it('is shown read-only to agents', async () => {
    fakeApi({ 'GET /workspace': () => ({ body: { workspace } }) });
    renderWithApp(<WorkspaceSettings />, { me: makeMe('agent', 3) });
    const name = await screen.findByLabelText(/^Nombre del espacio de trabajo/);
    expect((name as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('switch', { name: /^Solo la persona asignada responde/ }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText(/^Mensaje de cierre/) as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Guardar' })).toBeNull();
    expect(screen.getByTestId('settings-read-only')).toBeTruthy();
  });
});
