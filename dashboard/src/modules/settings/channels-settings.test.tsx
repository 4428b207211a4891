// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChannelsSettings } from './channels-settings';
import type { Channel } from './channels.api';
import { fakeApi, makeMe, renderWithApp, validationError } from './test-kit';

const channel = (id: number, over: Partial<Channel> = {}): Channel => ({
  id,
  type: 'api',
  name: `Canal ${id}`,
  config: { outboundUrl: 'https://tienda.example/replies' },
  defaultTeamId: null,
  botEnabled: false,
  active: true,
  webhookUrl: `https://atiende.example/hooks/api/${id}`,
  hasSecret: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

function server(over: Parameters<typeof fakeApi>[0] = {}) {
  const list = [channel(1, { name: 'Tienda web' })];
  return fakeApi({
    'GET /channels': () => ({ body: { items: list, nextCursor: null } }),
    'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
    ...over,
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('channels settings', () => {
  it('lists channels with their hook URL', async () => {
    server();
    renderWithApp(<ChannelsSettings />);
    const row = await screen.findByTestId('channel-row');
    expect(row.textContent).toContain('Tienda web');
    expect(row.textContent).toContain('https://atiende.example/hooks/api/1');
    expect(row.textContent).toContain('Activo');
  });

  it('creates an API channel and shows its secret once, with the hook URL', async () => {
    const api = server({
      'POST /channels': (req) => {
        const body = req.body as { name: string; config: { outboundUrl: string } };
        return { status: 201, body: { ...channel(7, { name: body.name, config: body.config }), secret: 's3cr3t-abcdef-0123456789' } };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelsSettings />);
    await screen.findByTestId('channel-row');
    await user.click(screen.getByRole('button', { name: 'Añadir canal' }));
    await user.click(await screen.findByRole('menuitem', { name: 'API', hidden: true }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'CRM');
    await user.type(within(dialog).getByLabelText(/^URL de salida/), 'ftp://crm.example/in');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Escribe una dirección que empiece por http:// o https://')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const url = within(dialog).getByLabelText(/^URL de salida/);
    await user.clear(url);
    await user.type(url, 'https://crm.example/in');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ path: '/channels', body: { type: 'api', name: 'CRM', config: { outboundUrl: 'https://crm.example/in' }, defaultTeamId: null } });

    const secret = await screen.findByTestId('channel-secret');
    expect(within(secret).getByTestId('channel-secret-value').textContent).toBe('s3cr3t-abcdef-0123456789');
    expect(within(secret).getByTestId('channel-hook-url').textContent).toBe('https://atiende.example/hooks/api/7');
    await user.click(within(secret).getByRole('button', { name: 'Ya lo guardé' }));
    await waitFor(() => expect(screen.queryByTestId('channel-secret')).toBeNull());
    // The new channel is listed, without its secret.
    const rows = screen.getAllByTestId('channel-row');
    expect(rows.map((r) => r.textContent).join()).toContain('CRM');
    expect(rows.map((r) => r.textContent).join()).not.toContain('s3cr3t');
  });

  it("puts the server's complaint about the outbound URL under that field", async () => {
    server({ 'POST /channels': () => validationError('body.config.outboundUrl') });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelsSettings />);
    await screen.findByTestId('channel-row');
    await user.click(screen.getByRole('button', { name: 'Añadir canal' }));
    await user.click(await screen.findByRole('menuitem', { name: 'API', hidden: true }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'CRM');
    await user.type(within(dialog).getByLabelText(/^URL de salida/), 'http://localhost/in');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    const field = within(dialog).getByLabelText(/^URL de salida/);
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Valor no válido')).toBeTruthy();
  });

  it('rotates the secret after confirming and shows the new one', async () => {
    const api = server({ 'POST /channels/:id/rotate-secret': () => ({ body: { ...channel(1, { name: 'Tienda web' }), secret: 'nuevo-secreto-0123456789' } }) });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelsSettings />);
    const row = await screen.findByTestId('channel-row');
    await user.click(within(row).getByRole('button', { name: 'Cambiar secreto' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Cambiar secreto' }));
    expect((await screen.findByTestId('channel-secret-value')).textContent).toBe('nuevo-secreto-0123456789');
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /channels/1/rotate-secret']);
  });

  it('offers no changes to agents', async () => {
    server();
    renderWithApp(<ChannelsSettings />, { me: makeMe('agent', 4) });
    await screen.findByTestId('channel-row');
    expect(screen.queryByRole('button', { name: 'Añadir canal' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cambiar secreto' })).toBeNull();
  });

  it('creates a Telegram channel from its bot token, says whether Telegram took the webhook, and tests the connection again', async () => {
    const telegram = channel(9, { type: 'telegram', name: 'Telegram ventas', config: {}, webhookUrl: 'https://atiende.example/hooks/telegram/9' });
    const api = server({
      'POST /channels': (req) => {
        const body = req.body as { name: string };
        return { status: 201, body: { ...telegram, name: body.name, secret: 'generated-secret-token', connection: { status: 'connected' } } };
      },
      'POST /channels/9/connect': () => ({ body: { status: 'failed', error: 'Unauthorized' } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelsSettings />);
    await screen.findByTestId('channel-row');
    await user.click(screen.getByRole('button', { name: 'Añadir canal' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Telegram', hidden: true }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Telegram ventas');
    await user.type(within(dialog).getByLabelText(/^Token del bot/), 'no-es-un-token');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Un token de bot tiene la forma 123456789:AA…')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const token = within(dialog).getByLabelText(/^Token del bot/);
    await user.clear(token);
    await user.type(token, '7012345678:AAHfakeTelegramBotTokenForTests_0123');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ path: '/channels', body: { type: 'telegram', name: 'Telegram ventas', secrets: { botToken: '7012345678:AAHfakeTelegramBotTokenForTests_0123' } } });
    expect(await screen.findByText('Conectado: Telegram enviará los mensajes a Atiende.')).toBeTruthy();
    // No secret to copy: Atiende handed it to Telegram itself.
    expect(screen.queryByTestId('channel-secret')).toBeNull();

    const row = (await screen.findAllByTestId('channel-row')).find((r) => r.textContent?.includes('Telegram ventas'))!;
    await user.click(within(row).getByRole('button', { name: 'Probar conexión' }));
    expect(await screen.findByText('No se pudo conectar: Unauthorized')).toBeTruthy();
  });

  it('picks the channel’s bot and switches it on, each saved at once with both fields', async () => {
    const bots = [
      { id: 3, name: 'Eva', kind: 'builtin', settings: {}, hasSecrets: false, channels: [], intentCount: 4, createdAt: '', updatedAt: '' },
      { id: 8, name: 'Ventas IA', kind: 'llm', settings: {}, hasSecrets: true, channels: [], intentCount: 0, createdAt: '', updatedAt: '' },
    ];
    const api = server({
      'GET /bots': () => ({ body: { items: bots } }),
      'PATCH /channels/:id': (req) => ({ body: { ...channel(1, { name: 'Tienda web' }), botId: null, ...(req.body as object) } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ChannelsSettings />);
    const row = await screen.findByTestId('channel-row');
    const select = await within(row).findByRole('combobox', { name: 'Bot de Tienda web' });
    // No bot named: the workspace's first one answers.
    expect((select as HTMLInputElement).value).toBe('Predeterminado (Eva)');
    await user.click(select);
    await user.click(await screen.findByRole('option', { name: 'Ventas IA', hidden: true }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: '/channels/1', body: { botId: 8, botEnabled: false } });
    await waitFor(() => expect((within(screen.getByTestId('channel-row')).getByRole('combobox', { name: 'Bot de Tienda web' }) as HTMLInputElement).value).toBe('Ventas IA'));

    await user.click(within(screen.getByTestId('channel-row')).getByRole('switch', { name: 'Bot activo en Tienda web' }));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]!.body).toEqual({ botId: 8, botEnabled: true });
    await waitFor(() => expect((within(screen.getByTestId('channel-row')).getByRole('switch', { name: 'Bot activo en Tienda web' }) as HTMLInputElement).checked).toBe(true));
  });
});
