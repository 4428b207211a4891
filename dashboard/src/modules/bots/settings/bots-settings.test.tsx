// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, makeMe, renderWithApp, validationError, type FakeHandler } from '../../settings/test-kit';
import type { Bot } from '../bots.api';
import { BotsSettings } from './bots-settings';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const bot = (id: number, over: Partial<Bot> = {}): Bot => ({
  id,
  name: `Bot ${id}`,
  kind: 'builtin',
  settings: {},
  hasSecrets: false,
  channels: [],
  intentCount: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

function server(list: Bot[], over: Record<string, FakeHandler> = {}) {
  let items = [...list];
  return fakeApi({
    'GET /bots': () => ({ body: { items } }),
    'POST /bots': (req) => {
      const body = req.body as { name: string; kind: Bot['kind']; settings: Record<string, unknown> };
      const created = bot(9, { name: body.name, kind: body.kind, settings: body.settings });
      items = [...items, created];
      return { status: 201, body: { bot: created, ...(body.kind === 'webhook' && { credentials: { apiToken: 'atk_tok-123', signingSecret: 'whsec-456' } }) } };
    },
    ...over,
  });
}

describe('bot settings', () => {
  it('lists the bots with their kind, channels and knowledge', async () => {
    server([
      bot(1, { name: 'Eva', intentCount: 12, channels: [{ id: 4, name: 'WhatsApp Ventas', botEnabled: true }] }),
      bot(2, { name: 'Externo', kind: 'webhook' }),
    ]);
    renderWithApp(<BotsSettings />);
    const rows = await screen.findAllByTestId('bot-row');
    expect(rows[0]!.textContent).toContain('Eva');
    expect(rows[0]!.textContent).toContain('Integrado');
    expect(rows[0]!.textContent).toContain('WhatsApp Ventas');
    expect(within(rows[0]!).getByRole('link', { name: 'Abrir el conocimiento de Eva' }).getAttribute('href')).toBe('/settings/bots/1');
    expect(rows[0]!.textContent).toContain('12 intenciones');
    expect(rows[1]!.textContent).toContain('Webhook');
    expect(rows[1]!.textContent).toContain('En su servicio');
    expect(within(rows[1]!).getByRole('button', { name: 'Renovar credenciales' })).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button', { name: 'Renovar credenciales' })).toBeNull();
  });

  it('creates a built-in bot from its defaults, checking numbers before the server and mapping its field errors', async () => {
    let refuse = true;
    const api = server([], {
      'POST /bots': (req) => {
        if (refuse) {
          refuse = false;
          return validationError('body.settings.greeting');
        }
        const body = req.body as { name: string; kind: Bot['kind']; settings: Record<string, unknown> };
        return { status: 201, body: { bot: bot(9, body) } };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<BotsSettings />);
    await screen.findByText('Todavía no hay bots.');
    await user.click(screen.getByRole('button', { name: 'Nuevo bot' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText(/^Saludo/) as HTMLTextAreaElement).value).toBe('¡Hola! Soy el asistente virtual. ¿En qué te puedo ayudar?');
    const threshold = within(dialog).getByLabelText(/^Confianza mínima/);
    await user.clear(threshold);
    await user.click(within(dialog).getByRole('button', { name: 'Pedir otro dato' }));
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Este campo es obligatorio')).toBeTruthy();
    expect(within(dialog).getByText('Un número entero entre 5 y 100')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Eva');
    await user.type(threshold, '65');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    // The server's `body.settings.greeting` lands under the greeting.
    expect(await within(dialog).findByText('Valor no válido')).toBeTruthy();
    expect(within(dialog).getByLabelText(/^Saludo/).getAttribute('aria-invalid')).toBe('true');

    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]!.body).toEqual({
      name: 'Eva',
      kind: 'builtin',
      settings: {
        handoffMessage: 'Te comunico con un agente, en un momento te atiende.',
        greeting: '¡Hola! Soy el asistente virtual. ¿En qué te puedo ayudar?',
        fallback: 'No entendí tu pregunta. ¿Puedes decirlo de otra forma? Escribe "agente" para hablar con una persona.',
        threshold: 0.65,
        maxFailures: 2,
        collect: [{ field: 'name', prompt: '¿Cuál es tu nombre?' }],
      },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a new webhook bot’s credentials once, and keeps the AI bot’s saved key unless a new one is typed', async () => {
    const api = server([bot(3, { name: 'IA', kind: 'llm', hasSecrets: true, settings: { baseUrl: 'https://llm.example/v1', model: 'm1', instructions: '', handoffMessage: 'Ya te paso' } })], {
      'PATCH /bots/:id': (req) => ({ body: bot(3, { name: 'IA', kind: 'llm', hasSecrets: true, settings: (req.body as { settings: Record<string, unknown> }).settings }) }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<BotsSettings />);
    await user.click(await screen.findByRole('button', { name: 'Nuevo bot' }));
    let dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Mi bot');
    await user.click(within(dialog).getByText('Webhook'));
    await user.type(within(dialog).getByLabelText(/^URL de tu bot/), 'https://bot.example/in');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    const shown = await screen.findByTestId('bot-credentials');
    expect(within(shown).getByTestId('bot-api-token').textContent).toBe('atk_tok-123');
    expect(within(shown).getByTestId('bot-signing-secret').textContent).toBe('whsec-456');
    expect(api.writes()[0]!.body).toMatchObject({ name: 'Mi bot', kind: 'webhook', settings: { url: 'https://bot.example/in', answerWithinSeconds: 60 } });
    await user.click(within(shown).getByRole('button', { name: 'Ya lo guardé' }));
    await waitFor(() => expect(screen.queryByTestId('bot-credentials')).toBeNull());

    const row = (await screen.findAllByTestId('bot-row')).find((r) => r.textContent?.includes('IA'))!;
    await user.click(within(row).getByRole('button', { name: 'Editar' }));
    dialog = await screen.findByRole('dialog');
    const key = within(dialog).getByLabelText(/^Clave de la API/);
    expect(key.getAttribute('placeholder')).toBe('•••••••• (guardado)');
    await user.clear(within(dialog).getByLabelText(/^Modelo/));
    await user.type(within(dialog).getByLabelText(/^Modelo/), 'm2');
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    // No key typed: the saved one stays (no `secrets`).
    expect(api.writes()[1]).toMatchObject({ method: 'PATCH', path: '/bots/3', body: { name: 'IA', settings: { baseUrl: 'https://llm.example/v1', model: 'm2', instructions: '', handoffMessage: 'Ya te paso' } } });
    expect(api.writes()[1]!.body).not.toHaveProperty('secrets');
  });

  it('rotates a webhook bot’s credentials after asking, and deletes a bot', async () => {
    const api = server([bot(2, { name: 'Externo', kind: 'webhook' }), bot(5, { name: 'Viejo' })], {
      'POST /bots/:id/rotate-credentials': () => ({ body: { bot: bot(2, { name: 'Externo', kind: 'webhook' }), credentials: { apiToken: 'atk_new', signingSecret: 'whsec-new' } } }),
      'DELETE /bots/:id': () => ({ body: { id: 5, deleted: true } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<BotsSettings />, { me: makeMe('owner') });
    const [webhook, old] = await screen.findAllByTestId('bot-row');
    await user.click(within(webhook!).getByRole('button', { name: 'Renovar credenciales' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Renovar credenciales' }));
    expect((await screen.findByTestId('bot-api-token')).textContent).toBe('atk_new');
    await user.click(screen.getByRole('button', { name: 'Ya lo guardé' }));

    await user.click(within(old!).getByRole('button', { name: 'Eliminar' }));
    const ask = await screen.findByRole('dialog');
    await user.click(within(ask).getByRole('button', { name: 'Eliminar' }));
    await waitFor(() => expect(api.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /bots/2/rotate-credentials', 'DELETE /bots/5']));
  });

  it('is read-only for a supervisor', async () => {
    server([bot(1, { name: 'Eva' })]);
    renderWithApp(<BotsSettings />, { me: makeMe('supervisor') });
    await screen.findByTestId('bot-row');
    expect(screen.getByTestId('settings-read-only')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Nuevo bot' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Editar' })).toBeNull();
  });
});
