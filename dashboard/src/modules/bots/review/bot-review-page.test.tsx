// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, makeMe, renderWithApp, type FakeHandler } from '../../settings/test-kit';
import type { Turn } from '../bot-review.api';
import type { Bot } from '../bots.api';
import { BotReviewPage } from './bot-review-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const turn = (id: number, over: Partial<Turn> = {}): Turn => ({
  id,
  conversationId: 100 + id,
  contact: { id: 5, name: 'María Gómez' },
  botId: 3,
  question: '¿Tienen lentes de contacto?',
  answer: 'Abrimos de 9 a 18',
  intent: { id: 2, name: 'horario' },
  confidence: 0.52,
  outcome: 'answered',
  handoffReason: null,
  flagged: false,
  flagNote: null,
  flaggedBy: null,
  flaggedAt: null,
  createdAt: '2025-03-01T15:00:00.000Z',
  ...over,
});

const bot = (id: number, name: string, kind: Bot['kind'] = 'builtin'): Bot => ({
  id, name, kind, settings: {}, hasSecrets: false, channels: [], intentCount: 0, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
});

const summary = {
  turns: 200,
  answered: 150,
  fallback: 30,
  handoffs: { requested: 12, failures: 5 },
  conversations: { withBot: 80, handedOff: 17, resolvedByBot: 40 },
  flagged: 3,
};

function server(over: Record<string, FakeHandler> = {}) {
  let turns = [turn(1), turn(2, { question: 'quiero un agente', answer: 'Te comunico', intent: null, confidence: null, outcome: 'handoff', handoffReason: 'requested' })];
  return fakeApi({
    'GET /bot-review/summary': () => ({ body: summary }),
    'GET /bot-review/turns': (req) => ({
      body: { items: req.query.get('flagged') === 'true' ? turns.filter((t) => t.flagged) : req.query.get('outcome') ? turns.filter((t) => t.outcome === req.query.get('outcome')) : turns, nextBefore: null },
    }),
    'POST /bot-review/turns/:id/flag': (req) => {
      const id = Number(req.path.split('/')[3]);
      turns = turns.map((t) => (t.id === id ? { ...t, flagged: true, flagNote: (req.body as { note: string }).note, flaggedBy: { id: 1, name: 'Ana Pérez' }, flaggedAt: '2025-03-02T10:00:00.000Z' } : t));
      return { body: turns.find((t) => t.id === id) };
    },
    'DELETE /bot-review/turns/:id/flag': (req) => {
      const id = Number(req.path.split('/')[3]);
      turns = turns.map((t) => (t.id === id ? { ...t, flagged: false, flagNote: null, flaggedBy: null, flaggedAt: null } : t));
      return { body: turns.find((t) => t.id === id) };
    },
    'GET /bot-review/unmatched': () => ({ body: { items: [{ example: 'hacen envíos a Maracaibo?', count: 7, lastAskedAt: '2025-03-01T12:00:00.000Z' }] } }),
    'GET /bots': () => ({ body: { items: [bot(3, 'Eva')] } }),
    'GET /bots/:id/intents': () => ({ body: { items: [] } }),
    ...over,
  });
}

describe('bot review', () => {
  it('sums up the period and lists the answers with their intent, confidence and outcome', async () => {
    const api = server();
    renderWithApp(<BotReviewPage />, { me: makeMe('supervisor') });
    expect((await screen.findByTestId('summary-answered')).textContent).toContain('75 %');
    expect(screen.getByTestId('summary-handoffs').textContent).toContain('17');
    expect(screen.getByTestId('summary-handoffs').textContent).toContain('El cliente pidió un agente: 12');
    expect(screen.getByTestId('summary-resolved').textContent).toContain('50 % de sus conversaciones');
    const from = new Date(api.requests.find((r) => r.path === '/bot-review/summary')!.query.get('from')!);
    const to = new Date(api.requests.find((r) => r.path === '/bot-review/summary')!.query.get('to')!);
    expect(Math.round((to.getTime() - from.getTime()) / 86_400_000)).toBe(7);

    const rows = await screen.findAllByTestId('turn-row');
    expect(rows[0]!.textContent).toContain('horario (52 %)');
    expect(rows[0]!.textContent).toContain('Respondió');
    expect(within(rows[0]!).getByRole('link', { name: 'Abrir la conversación 101' }).getAttribute('href')).toBe('/conversations/101');
    expect(rows[1]!.textContent).toContain('Pasó a una persona');
    expect(rows[1]!.textContent).toContain('El cliente pidió un agente');

    await userEvent.setup({ delay: null }).click(screen.getByRole('radio', { name: 'Pasadas a personas' }));
    await waitFor(() => expect(api.requests.some((r) => r.path === '/bot-review/turns' && r.query.get('outcome') === 'handoff')).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId('turn-row')).toHaveLength(1));
  });

  it('marks an answer as wrong with a note, and takes the mark back', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<BotReviewPage />, { me: makeMe('supervisor') });
    const [first] = await screen.findAllByTestId('turn-row');
    await user.click(within(first!).getByRole('button', { name: 'Marcar como incorrecta' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('flag-question').textContent).toBe('¿Tienen lentes de contacto?');
    await user.click(within(dialog).getByRole('button', { name: 'Marcar como incorrecta' }));
    expect(await within(dialog).findByText('Este campo es obligatorio')).toBeTruthy();
    expect(api.writes()).toEqual([]);
    await user.type(within(dialog).getByLabelText(/^Nota/), 'Preguntó por lentes, no por el horario');
    await user.click(within(dialog).getByRole('button', { name: 'Marcar como incorrecta' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'POST', path: '/bot-review/turns/1/flag', body: { note: 'Preguntó por lentes, no por el horario' } });
    const flag = await within(screen.getAllByTestId('turn-row')[0]!).findByTestId('turn-flag');
    expect(flag.textContent).toContain('Preguntó por lentes, no por el horario');
    expect(flag.textContent).toContain('Marcada por Ana Pérez');

    await user.click(within(screen.getAllByTestId('turn-row')[0]!).getByRole('button', { name: 'Quitar marca' }));
    await waitFor(() => expect(api.writes()[1]).toMatchObject({ method: 'DELETE', path: '/bot-review/turns/1/flag' }));
    await waitFor(() => expect(within(screen.getAllByTestId('turn-row')[0]!).queryByTestId('turn-flag')).toBeNull());
  });

  it('turns an unanswered question into an intent of the chosen bot, with the question as its example', async () => {
    const api = server({
      'GET /bots': () => ({ body: { items: [bot(3, 'Eva'), bot(4, 'Remoto', 'webhook'), bot(6, 'Ventas')] } }),
      'POST /bots/:id/intents': (req) => ({ status: 201, body: { id: 40, position: 0, ...(req.body as object) } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<BotReviewPage />, { me: makeMe('admin') });
    await user.click(await screen.findByRole('tab', { name: 'Preguntas sin respuesta' }));
    const row = await screen.findByTestId('unmatched-row');
    expect(row.textContent).toContain('hacen envíos a Maracaibo?');
    expect(row.textContent).toContain('7');

    // Only bots with a knowledge matrix can take it.
    await user.click(screen.getByRole('combobox', { name: 'Crear las intenciones en' }));
    const ventas = await screen.findByRole('option', { name: 'Ventas', hidden: true });
    expect(screen.getByRole('option', { name: 'Eva', hidden: true })).toBeTruthy();
    expect(screen.queryByRole('option', { name: 'Remoto', hidden: true })).toBeNull();
    await user.click(ventas);

    await user.click(within(row).getByRole('button', { name: 'Crear intención' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText(/^Ejemplos/) as HTMLTextAreaElement).value).toBe('hacen envíos a Maracaibo?');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'envíos');
    await user.type(within(dialog).getByLabelText(/^Respuesta/), 'Enviamos a todo el país');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/bots/6/intents',
      body: { name: 'envíos', examples: ['hacen envíos a Maracaibo?'], keywords: [], answer: { text: 'Enviamos a todo el país' }, handoff: false },
    });
  });

  it('is closed to agents', async () => {
    server();
    renderWithApp(<BotReviewPage />, { me: makeMe('agent') });
    expect(await screen.findByText('Solo supervisores y administradores pueden revisar el bot.')).toBeTruthy();
  });
});
