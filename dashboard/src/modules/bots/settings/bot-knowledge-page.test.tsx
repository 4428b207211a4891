// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeApi, makeMe, renderWithApp, validationError, type FakeHandler } from '../../settings/test-kit';
import type { Bot, Intent } from '../bots.api';
import { BotKnowledgePage } from './bot-knowledge-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const eva: Bot = {
  id: 3,
  name: 'Eva',
  kind: 'builtin',
  settings: {},
  hasSecrets: false,
  channels: [],
  intentCount: 3,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const intent = (id: number, name: string, over: Partial<Intent> = {}): Intent => ({
  id,
  name,
  examples: [`quiero ${name}`],
  keywords: [],
  answer: { text: `Sobre ${name}` },
  handoff: false,
  position: id,
  ...over,
});

const matrix = [
  intent(1, 'saludo', { examples: ['hola', 'buenas'], answer: { text: '¡Hola! ¿Qué necesitas?', attachmentId: 77 } }),
  intent(2, 'horario de atención al cliente'),
  intent(3, 'precios', { handoff: true }),
];

function server(over: Record<string, FakeHandler> = {}) {
  let items = [...matrix];
  return fakeApi({
    'GET /bots': () => ({ body: { items: [eva] } }),
    'GET /bots/:id/intents': () => ({ body: { items } }),
    'PATCH /bots/:id/intents/:intentId': (req) => {
      const id = Number(req.path.split('/').pop());
      items = items.map((i) => (i.id === id ? { ...i, ...(req.body as Partial<Intent>) } : i));
      return { body: items.find((i) => i.id === id) };
    },
    ...over,
  });
}

const renderPage = (me = makeMe('admin')) =>
  renderWithApp(
    <Routes>
      <Route path="/settings/bots/:botId" element={<BotKnowledgePage />} />
    </Routes>,
    { path: '/settings/bots/3', me },
  );

describe('knowledge matrix', () => {
  it('lists the intents with their examples and hand-off', async () => {
    server();
    renderPage();
    const rows = await screen.findAllByTestId('intent-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('saludo');
    expect(rows[0]!.textContent).toContain('2');
    expect(rows[2]!.textContent).toContain('Pasa a una persona');
    expect(rows[0]!.textContent).not.toContain('Pasa a una persona');
  });

  it('edits an intent, adding buttons that lead to other intents with short titles', async () => {
    const api = server();
    const user = userEvent.setup({ delay: null });
    renderPage();
    const rows = await screen.findAllByTestId('intent-row');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Editar' }));
    const dialog = await screen.findByRole('dialog');
    const examples = within(dialog).getByLabelText(/^Ejemplos/) as HTMLTextAreaElement;
    expect(examples.value).toBe('hola\nbuenas');
    await user.type(examples, '\n  buen día  \n\n');
    await user.type(within(dialog).getByLabelText(/^Palabras clave/), 'hola, saludos ,');

    // The other intents are offered, not this one.
    await user.click(within(dialog).getByRole('combobox', { name: 'Añadir un botón hacia…' }));
    const horario = await screen.findByRole('option', { name: 'horario de atención al cliente', hidden: true });
    expect(screen.queryByRole('option', { name: 'saludo', hidden: true })).toBeNull();
    await user.click(horario);
    // The title starts as the intent's name, cut to 20 characters.
    const title = within(dialog).getByRole('textbox', { name: 'Texto del botón hacia horario de atención al cliente' }) as HTMLInputElement;
    expect(title.value).toBe('horario de atención');
    await user.clear(title);
    await user.type(title, 'Horario');
    await user.click(within(dialog).getByRole('combobox', { name: 'Añadir un botón hacia…' }));
    await user.click(await screen.findByRole('option', { name: 'precios', hidden: true }));
    await user.click(within(dialog).getByRole('checkbox', { name: /^Mostrar como menú/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));

    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: '/bots/3/intents/1' });
    expect(api.writes()[0]!.body).toEqual({
      name: 'saludo',
      examples: ['hola', 'buenas', 'buen día'],
      keywords: ['hola', 'saludos'],
      // The whole answer is replaced: its attachment stays.
      answer: { text: '¡Hola! ¿Qué necesitas?', buttons: [{ id: 'horario de atención al cliente', title: 'Horario' }, { id: 'precios', title: 'precios' }], menu: true, attachmentId: 77 },
      handoff: false,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await screen.findAllByTestId('intent-row'))[0]!.textContent).toContain('Botones: Horario · precios');
  });

  it('refuses a repeated name and a missing answer before the server, and shows the server’s errors on the fields', async () => {
    const api = server({ 'POST /bots/:id/intents': () => validationError('body.answer.buttons.0.id') });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId('intent-row');
    await user.click(screen.getByRole('button', { name: 'Nueva intención' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Precios');
    await user.type(within(dialog).getByLabelText(/^Ejemplos/), 'cuánto cuesta');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Otra intención ya tiene este nombre')).toBeTruthy();
    expect(within(dialog).getByText('Este campo es obligatorio')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    await user.clear(within(dialog).getByLabelText(/^Nombre/));
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'costos');
    await user.type(within(dialog).getByLabelText(/^Respuesta/), 'Depende del modelo');
    await user.click(within(dialog).getByRole('combobox', { name: 'Añadir un botón hacia…' }));
    await user.click(await screen.findByRole('option', { name: 'precios', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(within(screen.getByTestId('intent-buttons')).getByText('Valor no válido')).toBeTruthy();
  });

  it('attaches a file to an answer: uploaded once, then sent with the intent', async () => {
    const api = server({
      'POST /attachments': () => ({ status: 201, body: { id: 91, filename: 'folleto.pdf', contentType: 'application/pdf', size: 1200 } }),
      'POST /bots/:id/intents': (req) => ({ status: 201, body: { id: 9, position: 9, ...(req.body as object) } }),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId('intent-row');
    await user.click(screen.getByRole('button', { name: 'Nueva intención' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'folleto');
    await user.type(within(dialog).getByLabelText(/^Ejemplos/), 'me envías el folleto');
    await user.type(within(dialog).getByLabelText(/^Respuesta/), 'Aquí tienes el folleto');
    await user.upload(dialog.querySelector('input[type="file"]') as HTMLInputElement, new File(['%PDF'], 'folleto.pdf', { type: 'application/pdf' }));
    expect(await within(dialog).findByTestId('answer-file')).toHaveProperty('textContent', 'folleto.pdf');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes().filter((w) => w.path !== '/attachments')).toHaveLength(1));
    expect(api.writes().find((w) => w.path === '/bots/3/intents')!.body).toMatchObject({ answer: { text: 'Aquí tienes el folleto', attachmentId: 91 } });
  });

  it('tries a message and shows the replies, the intent and its confidence; a tap on a button tries it', async () => {
    const api = server({
      'POST /bots/:id/try': (req) => {
        const body = req.body as { text: string; payload?: string };
        if (body.payload) return { body: { replies: [{ text: 'Abrimos de 9 a 18' }], intent: { id: 2, name: 'horario', confidence: 1 }, outcome: 'answered', handoff: null } };
        return {
          body: {
            replies: [{ text: '¡Hola!\n¿Qué necesitas?', buttons: [{ id: 'horario', title: 'Horario' }] }],
            intent: { id: 1, name: 'saludo', confidence: 0.876 },
            outcome: 'answered',
            handoff: null,
          },
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    const panel = await screen.findByTestId('try-panel');
    await user.type(within(panel).getByLabelText('Mensaje'), 'hola buenas');
    await user.click(within(panel).getByRole('button', { name: 'Probar' }));
    const result = await within(panel).findByTestId('try-result');
    expect(result.textContent).toContain('¡Hola!\n¿Qué necesitas?');
    expect(within(result).getByTestId('try-intent').textContent).toBe('Intención: saludo (88 %)');
    expect(result.textContent).toContain('Respondió');
    expect(api.writes()[0]).toMatchObject({ method: 'POST', path: '/bots/3/try', body: { text: 'hola buenas' } });

    await user.click(within(result).getByRole('button', { name: 'Horario' }));
    await waitFor(() => expect(within(panel).getByTestId('try-result').textContent).toContain('Abrimos de 9 a 18'));
    expect(api.writes()[1]!.body).toEqual({ text: 'Horario', payload: 'horario' });
  });

  it('says when nothing matched well enough and the bot hands over', async () => {
    server({
      'POST /bots/:id/try': () => ({
        body: { replies: [{ text: 'No entendí' }], intent: { name: 'precios', confidence: 0.31 }, outcome: 'fallback', handoff: { reason: 'failures' } },
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    const panel = await screen.findByTestId('try-panel');
    await user.type(within(panel).getByLabelText('Mensaje'), 'asdf');
    await user.click(within(panel).getByRole('button', { name: 'Probar' }));
    const result = await within(panel).findByTestId('try-result');
    expect(within(result).getByTestId('try-intent').textContent).toBe('No llegó a la confianza mínima. La más parecida: precios (31 %)');
    expect(result.textContent).toContain('No entendió varias veces');
  });

  it('imports a file after a confirmation, replacing the matrix', async () => {
    const api = server({ 'PUT /bots/:id/intents': (req) => ({ body: { items: (req.body as { items: Intent[] }).items } }) });
    const user = userEvent.setup({ delay: null });
    const { container } = renderPage();
    await screen.findAllByTestId('intent-row');
    const exported = { items: [intent(10, 'envíos'), intent(11, 'garantía')] };
    const input = container.ownerDocument.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File([JSON.stringify(exported)], 'intenciones-eva.json', { type: 'application/json' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('El archivo trae 2 intenciones. Reemplazarán las 3 actuales del bot.');
    expect(api.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Reemplazar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PUT', path: '/bots/3/intents', body: exported });
  });

  it('exports the matrix as the list the server gave, ready to import', async () => {
    server();
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:intents';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findAllByTestId('intent-row');
    await user.click(screen.getByRole('button', { name: 'Exportar' }));
    expect(clicked).toEqual(['intenciones-eva.json']);
    expect(JSON.parse(await saved[0]!.text())).toEqual({ items: matrix });
  });

  it('lets a supervisor read the matrix without changing it', async () => {
    server();
    renderPage(makeMe('supervisor'));
    await screen.findAllByTestId('intent-row');
    expect(screen.queryByRole('button', { name: 'Editar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Nueva intención' })).toBeNull();
    expect(screen.queryByTestId('try-panel')).toBeNull();
    expect(screen.getByRole('button', { name: 'Exportar' })).toBeTruthy();
  });
});
