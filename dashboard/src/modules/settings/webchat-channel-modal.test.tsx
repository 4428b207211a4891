// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WebchatChannelModal } from './webchat-channel-modal';
import type { Channel } from './channels.api';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const stored: Channel = {
  id: 5,
  type: 'webchat',
  name: 'Chat de la tienda',
  config: { publicToken: 'wc_abcdefghijklmnopqrst', allowedDomains: ['tienda.example'], greeting: 'Hola', color: '#2f9e44', position: 'right', identityVerification: false, prechat: { enabled: false, message: '', fields: [] }, campaigns: [], emailUnreadAfterMinutes: 10 },
  defaultTeamId: null,
  botEnabled: false,
  active: true,
  webhookUrl: 'https://atiende.example/hooks/webchat/5',
  hasSecret: true,
  createdAt: '2025-01-01T00:00:00.000Z',
};

it('creates a web chat with domains, greeting, a required pre-chat field and a campaign, then shows the snippet and the identity secret once', async () => {
  const api = fakeApi({
    'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
    'POST /channels': (req) => ({ status: 201, body: { ...stored, name: (req.body as { name: string }).name, config: { ...stored.config, ...(req.body as { config: object }).config }, secret: 'identity-secret-xyz' } }),
  });
  const user = userEvent.setup({ delay: null });
  renderWithApp(<WebchatChannelModal opened onClose={() => {}} />);
  const dialog = await screen.findByRole('dialog');
  const fill = async (el: HTMLElement, text: string) => {
    await user.click(el);
    await user.paste(text);
  };
  await fill(within(dialog).getByLabelText(/^Nombre/), 'Chat de la tienda');
  await fill(within(dialog).getByLabelText('Saludo'), '¡Hola! ¿En qué le ayudamos?');
  await user.type(within(dialog).getByLabelText('Dominios permitidos'), 'https://mal.example/x,');
  await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
  expect(await within(dialog).findByText('https://mal.example/x no es un dominio (sin https:// ni rutas)')).toBeTruthy();
  expect(api.writes()).toEqual([]);

  const domains = within(dialog).getByLabelText('Dominios permitidos');
  await user.click(domains);
  await user.keyboard('{Backspace}'); // takes the last domain off
  await user.type(domains, 'tienda.example,');
  await user.click(within(dialog).getByLabelText('Pedir datos antes de chatear'));
  await user.click(within(dialog).getByRole('button', { name: 'Añadir campo' }));
  await fill(within(dialog).getByLabelText('Etiqueta'), 'Nombre completo');
  await user.click(within(dialog).getByRole('button', { name: 'Añadir campaña' }));
  await fill(within(dialog).getByLabelText('Mensaje'), '¿Busca lentes?');
  await user.click(within(dialog).getByRole('button', { name: 'Crear' }));

  await waitFor(() => expect(api.writes()).toHaveLength(1));
  const body = api.writes()[0].body as { type: string; config: Record<string, any> };
  expect(body.type).toBe('webchat');
  expect(body.config.allowedDomains).toEqual(['tienda.example']);
  expect(body.config.greeting).toBe('¡Hola! ¿En qué le ayudamos?');
  expect(body.config.prechat).toEqual({ enabled: true, message: '', fields: [{ key: 'name', label: 'Nombre completo', type: 'text', required: true }] });
  expect(body.config.campaigns).toEqual([expect.objectContaining({ message: '¿Busca lentes?', urlPattern: '*', secondsOnPage: 10, businessHoursOnly: false })]);
  expect((await within(dialog).findByTestId('webchat-snippet')).textContent).toBe(
    '<script src="https://atiende.example/widget/loader.js" data-channel="wc_abcdefghijklmnopqrst" async></script>',
  );
  expect(within(dialog).getByTestId('webchat-identity-secret').textContent).toBe('identity-secret-xyz');
}, 90_000);

it('edits an existing web chat: shows its snippet and saves only what the form holds', async () => {
  const api = fakeApi({ 'PATCH /channels/5': (req) => ({ body: { ...stored, config: { ...stored.config, ...(req.body as { config: object }).config } } }) });
  const user = userEvent.setup({ delay: null });
  const onClose = vi.fn();
  renderWithApp(<WebchatChannelModal opened onClose={onClose} channel={stored} />);
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByTestId('webchat-snippet').textContent).toContain('data-channel="wc_abcdefghijklmnopqrst"');
  await user.click(within(dialog).getByLabelText('Izquierda'));
  await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
  await waitFor(() => expect(onClose).toHaveBeenCalled());
  expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: '/channels/5', body: { name: 'Chat de la tienda', config: { position: 'left', allowedDomains: ['tienda.example'], publicToken: 'wc_abcdefghijklmnopqrst' } } });
});
