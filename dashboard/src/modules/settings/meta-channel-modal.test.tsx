// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MessengerChannelModal } from './messenger-channel-modal';
import { InstagramChannelModal } from './instagram-channel-modal';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const created = (type: string, connection: object) => ({
  id: 21, type, name: 'Canal', config: {}, defaultTeamId: null, botEnabled: false, active: true,
  webhookUrl: `https://atiende.example/hooks/${type}/21`, hasSecret: true, createdAt: '2026-01-01T00:00:00.000Z',
  secret: 'verify-token-generated-0123456789', connection,
});

describe('Messenger and Instagram channel modals', () => {
  it('checks the Page id, token and app secret, creates the Messenger channel and shows the webhook URL and verify token to paste at Meta', async () => {
    const api = fakeApi({
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'POST /channels': () => ({ status: 201, body: created('messenger', { status: 'connected' }) }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<MessengerChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Página de la tienda');
    await user.type(within(dialog).getByLabelText(/^Identificador de la página/), 'mi-pagina');
    await user.type(within(dialog).getByLabelText(/^Clave secreta de la app/), 'corta');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Solo dígitos, como aparece en Facebook')).toBeTruthy();
    expect(within(dialog).getByText('El token de acceso de Meta empieza por EAA… y es largo')).toBeTruthy();
    expect(within(dialog).getByText('La clave secreta de la app tiene 32 caracteres')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const pageId = within(dialog).getByLabelText(/^Identificador de la página/);
    await user.clear(pageId);
    await user.type(pageId, '104000000000001');
    await user.type(within(dialog).getByLabelText(/^Token de acceso de la página/), 'EAAGm0PX4ZCpsBAFakePageToken0123456789');
    const secret = within(dialog).getByLabelText(/^Clave secreta de la app/);
    await user.clear(secret);
    await user.type(secret, '6f1d2c3b4a5968778695a4b3c2d1e0f9');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({
      path: '/channels',
      body: { type: 'messenger', name: 'Página de la tienda', config: { pageId: '104000000000001' }, secrets: { pageAccessToken: 'EAAGm0PX4ZCpsBAFakePageToken0123456789', appSecret: '6f1d2c3b4a5968778695a4b3c2d1e0f9' } },
    });
    expect((await screen.findByTestId('messenger-callback-url')).textContent).toBe('https://atiende.example/hooks/messenger/21');
    expect(screen.getByTestId('messenger-verify-token').textContent).toBe('verify-token-generated-0123456789');
    expect(screen.getByText(/La página quedó suscrita a los webhooks de tu app/)).toBeTruthy();
  });

  it('sends the Instagram login type chosen, says when the subscription failed, and marks the setting the server refused', async () => {
    let attempt = 0;
    const api = fakeApi({
      'GET /teams': () => ({ body: { items: [], nextCursor: null } }),
      'POST /channels': () =>
        ++attempt === 1
          ? { status: 400, body: { error: { code: 'validation', message: 'Invalid body.secrets.accessToken', details: [{ field: 'body.secrets.accessToken', message: 'Expected the access token Meta gave' }] } } }
          : { status: 201, body: created('instagram', { status: 'failed', error: '(#190) Invalid OAuth access token' }) },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<InstagramChannelModal opened onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Instagram');
    await user.click(within(dialog).getByText('Con Facebook (página vinculada)'));
    await user.type(within(dialog).getByLabelText(/^Identificador de la cuenta de Instagram/), '17841400000000001');
    await user.type(within(dialog).getByLabelText(/^Token de acceso/), 'EAAGm0PX4ZCpsBAFakeLinkedPageToken012345');
    await user.type(within(dialog).getByLabelText(/^Clave secreta de la app/), '6f1d2c3b4a5968778695a4b3c2d1e0f9');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Valor no válido')).toBeTruthy();
    expect(api.writes()[0]).toMatchObject({ body: { type: 'instagram', config: { accountId: '17841400000000001', apiHost: 'facebook' }, secrets: { accessToken: 'EAAGm0PX4ZCpsBAFakeLinkedPageToken012345' } } });

    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await screen.findByText(/No se pudo suscribir la cuenta a la app \(\(#190\) Invalid OAuth access token\)/)).toBeTruthy();
    expect(screen.getByTestId('instagram-callback-url').textContent).toBe('https://atiende.example/hooks/instagram/21');
  });
});
