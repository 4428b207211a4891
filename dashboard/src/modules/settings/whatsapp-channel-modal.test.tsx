// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WhatsAppChannelModal } from './whatsapp-channel-modal';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const created = {
  id: 12, type: 'whatsapp', name: 'WhatsApp ventas', config: { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' },
  defaultTeamId: null, botEnabled: false, active: true, webhookUrl: 'https://atiende.example/hooks/whatsapp/12', hasSecret: true, createdAt: '2026-01-01T00:00:00.000Z',
  secret: 'verify-token-generated-0123456789', connection: { status: 'failed', error: 'Callback verification failed' },
};

describe('WhatsApp channel modal', () => {
  it('checks the ids and secrets, creates the channel, then shows the callback URL and verify token to paste at Meta', async () => {
    const api = fakeApi({
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'POST /channels': () => ({ status: 201, body: created }),
      'POST /channels/12/templates/sync': () => ({ body: { items: [{ sendable: true }, { sendable: false }], syncedAt: '2026-01-01T00:00:00.000Z' } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<WhatsAppChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'WhatsApp ventas');
    await user.type(within(dialog).getByLabelText(/^Identificador del número de teléfono/), '+57 300');
    await user.type(within(dialog).getByLabelText(/^Clave secreta de la app/), 'corta');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findAllByText('Solo dígitos, como aparece en el panel de Meta')).toHaveLength(2);
    expect(within(dialog).getByText('La clave secreta de la app tiene 32 caracteres hexadecimales')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const phone = within(dialog).getByLabelText(/^Identificador del número de teléfono/);
    await user.clear(phone);
    await user.type(phone, '106540352242922');
    await user.type(within(dialog).getByLabelText(/^Identificador de la cuenta de WhatsApp Business/), '102290129340398');
    await user.type(within(dialog).getByLabelText(/^Token de acceso/), 'EAAGm0PX4ZCpsBAFakeWhatsAppAccessToken0123456789');
    const secret = within(dialog).getByLabelText(/^Clave secreta de la app/);
    await user.clear(secret);
    await user.type(secret, '6f1d2c3b4a5968778695a4b3c2d1e0f9');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({
      path: '/channels',
      body: { type: 'whatsapp', name: 'WhatsApp ventas', config: { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' }, secrets: { accessToken: 'EAAGm0PX4ZCpsBAFakeWhatsAppAccessToken0123456789', appSecret: '6f1d2c3b4a5968778695a4b3c2d1e0f9' } },
    });

    expect((await screen.findByTestId('whatsapp-callback-url')).textContent).toBe('https://atiende.example/hooks/whatsapp/12');
    expect(screen.getByTestId('whatsapp-verify-token').textContent).toBe('verify-token-generated-0123456789');
    expect(screen.getByText(/Meta aún no envía los mensajes a Atiende \(Callback verification failed\)/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Sincronizar plantillas' }));
    expect(await screen.findByText('2 plantillas sincronizadas (1 se pueden enviar).')).toBeTruthy();
  });

  it('marks the setting the server refused', async () => {
    fakeApi({
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'POST /channels': () => ({ status: 400, body: { error: { code: 'validation_failed', message: 'Invalid body.secrets.appSecret', details: [{ field: 'body.secrets.appSecret', message: 'Expected the app secret' }] } } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<WhatsAppChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'WA');
    await user.type(within(dialog).getByLabelText(/^Identificador del número de teléfono/), '106540352242922');
    await user.type(within(dialog).getByLabelText(/^Identificador de la cuenta de WhatsApp Business/), '102290129340398');
    await user.type(within(dialog).getByLabelText(/^Token de acceso/), 'EAAGm0PX4ZCpsBAFakeWhatsAppAccessToken0123456789');
    await user.type(within(dialog).getByLabelText(/^Clave secreta de la app/), 'ffffffffffffffffffffffffffffffff');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    // The app secret's field says it; no other field does, and no general alert repeats it.
    expect(await within(dialog).findAllByText('Valor no válido')).toHaveLength(1);
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });
});
