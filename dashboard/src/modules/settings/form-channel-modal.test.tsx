// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormChannelModal } from './form-channel-modal';
import type { Channel } from './channels.api';
import { fakeApi, renderWithApp, validationError } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const channel = (over: Partial<Channel>): Channel => ({
  id: 1, type: 'api', name: 'x', config: {}, defaultTeamId: null, botEnabled: false, active: true, webhookUrl: 'https://atiende.example/hooks/api/1', hasSecret: true, createdAt: '2026-01-01T00:00:00.000Z', ...over,
});
const email = channel({ id: 3, type: 'email', name: 'Correo soporte', webhookUrl: 'https://atiende.example/hooks/email/3' });
const sms = channel({ id: 4, type: 'twilio', name: 'SMS', webhookUrl: 'https://atiende.example/hooks/twilio/4' });
const api = channel({ id: 5, type: 'api', name: 'Integración' });
const stored = channel({
  id: 31, type: 'form', name: 'Consultas Mi Cuenta', webhookUrl: 'https://atiende.example/hooks/form/31',
  config: { replyChannelId: 3, fields: [{ key: 'email', label: 'Correo', required: true }, { key: 'message', label: 'Consulta', required: true }], allowedOrigins: ['micuenta.empresa.example'], successMessage: 'Gracias', language: 'es', submitLabel: 'Enviar', limits: { perIpPerMinute: 5, perChannelPerMinute: 60 } },
});

const routes = (extra: Parameters<typeof fakeApi>[0] = {}) =>
  fakeApi({
    'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
    'GET /channels': () => ({ body: { items: [email, sms, api, stored], nextCursor: null } }),
    'GET /contact-fields': () => ({ body: { items: [{ id: 9, key: 'numero_cliente', label: 'Número de cliente', type: 'number', options: [], required: false, position: 0 }] } }),
    ...extra,
  });

it('creates a form: checks it asks for an address and has a reply channel, edits the fields, then shows the code to paste and the key once', async () => {
  const fake = routes({ 'POST /channels': (req) => ({ status: 201, body: { ...stored, name: (req.body as { name: string }).name, secret: 'clave-del-formulario' } }) });
  const user = userEvent.setup({ delay: null });
  renderWithApp(<FormChannelModal opened onClose={() => {}} />);
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByLabelText(/^Nombre \*/));
  await user.paste('Consultas Mi Cuenta');
  await user.click(within(dialog).getByRole('button', { name: 'Quitar Correo electrónico' }));
  await user.click(within(dialog).getByRole('button', { name: 'Quitar Teléfono' }));
  await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
  expect(await within(dialog).findByText('El formulario debe pedir un correo o un teléfono: es por donde llega la respuesta.')).toBeTruthy();
  expect(within(dialog).getByText('Este campo es obligatorio')).toBeTruthy(); // the reply channel
  expect(fake.writes()).toEqual([]);

  // Only email and SMS channels answer a form.
  await user.click(within(dialog).getAllByLabelText(/^Responder por/)[0]!);
  const options = (await screen.findAllByRole('option', { hidden: true })).map((o) => o.textContent);
  expect(options).toEqual(expect.arrayContaining(['Correo soporte (Correo)', 'SMS (SMS (Twilio))']));
  expect(options.filter((o) => o?.includes('Integración') || o?.includes('Consultas'))).toEqual([]);
  await user.click(screen.getByRole('option', { name: 'Correo soporte (Correo)', hidden: true }));

  await user.click(within(dialog).getAllByLabelText(/^Añadir campo/)[0]!);
  await user.click(await screen.findByRole('option', { name: 'Teléfono', hidden: true }));
  await user.click(within(dialog).getAllByLabelText(/^Añadir campo/)[0]!);
  await user.click(await screen.findByRole('option', { name: 'Campo de contacto: Número de cliente', hidden: true }));
  await user.click(within(dialog).getByLabelText('Obligatorio: Teléfono'));
  await user.click(within(dialog).getByRole('button', { name: 'Subir Teléfono' }));
  await user.type(within(dialog).getByLabelText('Sitios permitidos'), 'micuenta.empresa.example,');
  await user.click(within(dialog).getByRole('button', { name: 'Crear' }));

  await waitFor(() => expect(fake.writes()).toHaveLength(1));
  expect(fake.writes()[0]).toMatchObject({
    path: '/channels',
    body: {
      type: 'form',
      name: 'Consultas Mi Cuenta',
      defaultTeamId: null,
      config: {
        replyChannelId: 3,
        allowedOrigins: ['micuenta.empresa.example'],
        language: 'es',
        fields: [
          { key: 'name', label: 'Nombre', required: true },
          { key: 'subject', label: 'Asunto', required: true },
          { key: 'phone', label: 'Teléfono', required: true },
          { key: 'message', label: 'Tu consulta', required: true },
          { key: 'numero_cliente', label: 'Número de cliente', required: false },
        ],
      },
    },
  });
  expect(fake.writes()[0].body).not.toHaveProperty('config.successMessage');
  const created = await screen.findByTestId('form-created');
  expect(within(created).getByTestId('form-snippet').textContent).toBe('<div data-atiende-form="31"></div>\n<script src="https://atiende.example/hooks/form/31/embed.js" async></script>');
  expect(within(created).getByTestId('form-key').textContent).toBe('clave-del-formulario');
});

it('edits a stored form, clearing an emptied text, and marks the setting the server refused', async () => {
  let answer: 'refuse' | 'accept' = 'refuse';
  const fake = routes({ 'PATCH /channels/31': () => (answer === 'refuse' ? validationError('body.config.replyChannelId') : { body: stored }) });
  const user = userEvent.setup({ delay: null });
  renderWithApp(<FormChannelModal opened onClose={() => {}} channel={stored} />);
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByTestId('form-snippet').textContent).toContain('/hooks/form/31/embed.js');
  expect((within(dialog).getByLabelText('Correo electrónico') as HTMLInputElement).value).toBe('Correo');
  await user.clear(within(dialog).getByLabelText(/^Mensaje de confirmación/));
  await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
  await waitFor(() => expect(within(dialog).getAllByLabelText(/^Responder por/)[0]!.getAttribute('aria-invalid')).toBe('true'));
  answer = 'accept';
  await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
  await waitFor(() => expect(fake.writes()).toHaveLength(2));
  expect(fake.writes()[1]).toMatchObject({ path: '/channels/31', body: { name: 'Consultas Mi Cuenta', config: { replyChannelId: 3, successMessage: null, allowedOrigins: ['micuenta.empresa.example'] } } });
});
