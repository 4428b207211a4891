// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EmailChannelModal } from './email-channel-modal';
import { fakeApi, renderWithApp, validationError } from './test-kit';
import type { Channel } from './channels.api';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Clicks into a field and pastes: typing long text key by key is slow on a busy machine. */
async function fill(user: ReturnType<typeof userEvent.setup>, el: HTMLElement, text: string) {
  await user.click(el);
  await user.paste(text);
}

const config = {
  address: 'soporte@optica.example', name: 'Óptica Caracas',
  imap: { host: 'imap.gmail.com', port: 993, secure: true, user: 'soporte@optica.example' },
  smtp: { host: 'smtp.gmail.com', port: 465, secure: true, user: 'soporte@optica.example' },
};
const stored: Channel = {
  id: 12, type: 'email', name: 'Correo soporte', config: { ...config, poller: { lastPolledAt: '2026-01-01T10:00:00.000Z', lastError: 'Authentication failed.', lease: null } },
  defaultTeamId: null, botEnabled: false, active: true, webhookUrl: 'https://atiende.example/hooks/email/12', hasSecret: true, createdAt: '2026-01-01T00:00:00.000Z',
};

describe('e-mail channel modal', () => {
  it('checks the settings, fills Gmail\'s servers, creates the channel and shows whether both logins worked; "Probar conexión" tries again', async () => {
    let connects = 0;
    const api = fakeApi({
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'POST /channels': () => ({ status: 201, body: { ...stored, secret: 'thread-key', connection: { status: 'failed', error: 'IMAP imap.gmail.com:993: Authentication failed.' } } }),
      'POST /channels/12/connect': () => ({ body: ++connects === 1 ? { status: 'connected' } : { status: 'failed', error: 'x' } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<EmailChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText(/^Nombre$|^Nombre \*/), 'Correo soporte');
    await fill(user, within(dialog).getByLabelText(/^Dirección de correo/), 'soporte');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Escribe una dirección de correo válida')).toBeTruthy();
    expect(within(dialog).getAllByText('Solo el nombre del servidor, p. ej. imap.gmail.com')).toHaveLength(2);
    expect(within(dialog).getByText('Este campo es obligatorio')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    await fill(user, within(dialog).getByLabelText(/^Dirección de correo/), '@optica.example');
    await fill(user, within(dialog).getByLabelText(/^Nombre del remitente/), 'Óptica Caracas');
    await user.click(within(dialog).getAllByLabelText(/^Proveedor/)[0]!);
    await user.click(await screen.findByRole('option', { name: 'Gmail o Google Workspace', hidden: true }));
    expect((within(dialog).getByLabelText(/^Servidor IMAP/) as HTMLInputElement).value).toBe('imap.gmail.com');
    await fill(user, within(dialog).getByLabelText(/^Contraseña$|^Contraseña \*/), 'abcd efgh ijkl mnop');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ path: '/channels', body: { type: 'email', name: 'Correo soporte', config, secrets: { imapPassword: 'abcd efgh ijkl mnop' } } });
    expect((api.writes()[0].body as { secrets: object }).secrets).not.toHaveProperty('smtpPassword');

    expect(await screen.findByText(/No se pudo conectar: IMAP imap.gmail.com:993: Authentication failed\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Probar conexión' }));
    expect(await screen.findByText(/Conexión correcta/)).toBeTruthy();
    expect(api.writes().map((w) => w.path)).toEqual(['/channels', '/channels/12/connect']);
  });

  it('marks the setting the server refused', async () => {
    fakeApi({ 'GET /teams': () => ({ body: { items: [], nextCursor: null } }), 'POST /channels': () => validationError('body.config.smtp.port') });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<EmailChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText(/^Nombre$|^Nombre \*/), 'Correo');
    await fill(user, within(dialog).getByLabelText(/^Dirección de correo/), 'soporte@optica.example');
    await fill(user, within(dialog).getByLabelText(/^Servidor IMAP/), 'mail.optica.example');
    await fill(user, within(dialog).getByLabelText(/^Servidor SMTP/), 'mail.optica.example');
    await fill(user, within(dialog).getByLabelText(/^Contraseña$|^Contraseña \*/), 'secreta');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    const port = within(dialog).getByLabelText(/^Puerto SMTP/);
    await waitFor(() => expect(port.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Valor no válido')).toBeTruthy();
  });

  it('edits a channel keeping its passwords when none is typed, shows the last poll\'s error, then tests the connection', async () => {
    const api = fakeApi({
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'PATCH /channels/12': () => ({ body: stored }),
      'POST /channels/12/connect': () => ({ body: { status: 'connected' } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<EmailChannelModal opened onClose={() => {}} channel={stored} />);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('La última revisión del buzón falló: Authentication failed.')).toBeTruthy();
    const poll = within(dialog).getByLabelText(/^Revisar el buzón cada/);
    await user.type(poll, '30');
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes().map((w) => w.path)).toEqual(['/channels/12', '/channels/12/connect']));
    const patch = api.writes()[0].body as Record<string, unknown>;
    expect(patch).not.toHaveProperty('secrets');
    expect(patch.config).toEqual({ ...config, pollSeconds: 30 });
    expect(await screen.findByText(/Conexión correcta/)).toBeTruthy();
  });
});
