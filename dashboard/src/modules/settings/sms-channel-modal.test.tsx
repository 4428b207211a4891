// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SmsChannelModal } from './sms-channel-modal';
import { fakeApi, renderWithApp, validationError } from './test-kit';

const created = (type: string, id: number, name: string) => ({
  id, type, name, config: {}, defaultTeamId: null, botEnabled: false, active: true, hasSecret: true,
  webhookUrl: `https://atiende.example/hooks/${type}/${id}`, createdAt: '2025-01-01T00:00:00.000Z', secret: 'x', connection: { status: 'not_needed' },
});

function server(over: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({ 'GET /teams': () => ({ body: { items: [], nextCursor: null } }), ...over });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SMS channel modal', () => {
  it('creates a Twilio channel, checking the credentials first, then shows the URL to paste in Twilio', async () => {
    const api = server({ 'POST /channels': (req) => ({ status: 201, body: created('twilio', 5, (req.body as { name: string }).name) }) });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SmsChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'SMS Madrid');
    await user.type(within(dialog).getByLabelText(/^Account SID/), 'AC123');
    await user.type(within(dialog).getByLabelText(/^Auth token/), 'b2'.repeat(16));
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Un Account SID es AC seguido de 32 caracteres hexadecimales.')).toBeTruthy();
    expect(within(dialog).getByText('Indica el número remitente o un Messaging Service.')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const sid = within(dialog).getByLabelText(/^Account SID/);
    await user.clear(sid);
    await user.type(sid, `AC${'a1'.repeat(16)}`);
    await user.type(within(dialog).getByLabelText(/^Número remitente/), '+34600111222');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({
      path: '/channels',
      body: { type: 'twilio', name: 'SMS Madrid', config: { accountSid: `AC${'a1'.repeat(16)}`, from: '+34600111222' }, secrets: { authToken: 'b2'.repeat(16) }, defaultTeamId: null },
    });
    const done = await screen.findByTestId('sms-channel-created');
    expect(within(done).getByTestId('sms-hook-url').textContent).toBe('https://atiende.example/hooks/twilio/5');
    expect(done.textContent).toContain('«A message comes in»');
  });

  it('a Twilio number can be a WhatsApp sender: the channel is WhatsApp through Twilio, and a refused token is said after creation', async () => {
    const api = server({
      'POST /channels': (req) => ({
        status: 201,
        body: { ...created('twilio_whatsapp', 6, (req.body as { name: string }).name), connection: { status: 'failed', error: 'Twilio refused the Account SID with this auth token (20003: Authenticate)' } },
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SmsChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/^Este número es un remitente de WhatsApp/));
    expect(within(dialog).getByText(/pasadas 24 horas sin un mensaje suyo, solo se pueden enviar plantillas aprobadas/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'WhatsApp Madrid');
    await user.type(within(dialog).getByLabelText(/^Account SID/), `AC${'a1'.repeat(16)}`);
    await user.type(within(dialog).getByLabelText(/^Auth token/), 'b2'.repeat(16));
    await user.type(within(dialog).getByLabelText(/^Número remitente/), 'whatsapp:+34600111222');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ body: { type: 'twilio_whatsapp', name: 'WhatsApp Madrid', config: { accountSid: `AC${'a1'.repeat(16)}`, from: '+34600111222' } } });
    const done = await screen.findByTestId('sms-channel-created');
    expect(within(done).getByTestId('sms-connection-failed').textContent).toBe(
      'Canal creado, pero Twilio rechazó las credenciales: Twilio refused the Account SID with this auth token (20003: Authenticate). Revísalas y usa «Probar conexión» en la lista de canales.',
    );
    expect(done.textContent).toContain('WhatsApp senders');
    expect(done.textContent).toContain('Sincronizar plantillas');
  });

  it('switching to Vonage asks for its credentials, and a field the server refuses is marked', async () => {
    const api = server({ 'POST /channels': () => validationError('body.secrets.privateKey') });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SmsChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('Vonage'));
    expect(within(dialog).queryByLabelText(/^Account SID/)).toBeNull();
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'SMS Vonage');
    await user.type(within(dialog).getByLabelText(/^ID de la aplicación/), 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab');
    await user.type(within(dialog).getByLabelText(/^Número remitente/), '447700900000');
    await user.type(within(dialog).getByLabelText(/^Clave privada/), '-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END PRIVATE KEY-----');
    await user.type(within(dialog).getByLabelText(/^Secreto de firma/), 'vonage-signature-secret-0123');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ body: { type: 'vonage', config: { applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab', from: '447700900000' } } });
    const key = within(dialog).getByLabelText(/^Clave privada/);
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
  });
});
