// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RealtimeProvider } from '../../../app/realtime/realtime-provider';
import type { SocketLike } from '../../../app/realtime/realtime-connection';
import type { Conversation } from '../../inbox/conversations.api';
import { fakeApi, renderWithProviders } from '../../settings/test-kit';
import { ConversationFormPanel } from './conversation-form-panel';
import { missingRequired, type ConversationForm, type FormValues } from './conversation-form.api';

/** The browser's WebSocket, played by the test as the server. */
class FakeSocket implements SocketLike {
  static last: FakeSocket | null = null;
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor() {
    FakeSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }
  send(data: string) {
    if ((JSON.parse(data) as { type: string }).type === 'subscribe') setTimeout(() => this.onmessage?.({ data: JSON.stringify({ type: 'ready', lastEventId: 0 }) }), 0);
  }
  close() {
    this.readyState = 3;
  }
  push(event: Record<string, unknown>) {
    act(() => this.onmessage?.({ data: JSON.stringify({ type: 'event', event }) }));
  }
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 41, status: 'open', priority: 'none', tags: [], botActive: false,
  contact: { id: 7, name: 'Carla', phone: null, email: null, documentNumber: null },
  channel: { id: 3, type: 'api', name: 'Web' }, team: { id: 9, name: 'Soporte' }, assignee: null, snooze: null, closingNote: null,
  closedAt: null, firstReplyAt: null, lastInboundAt: null, lastActivityAt: new Date().toISOString(), lastMessagePreview: '', unreadCount: 0, createdAt: new Date().toISOString(),
  ...over,
});

const fields = [
  { key: 'motivo', label: 'Motivo', type: 'select' as const, options: ['Garantía', 'Reparación'], required: true },
  { key: 'ticket', label: 'N.º de ticket', type: 'text' as const, options: [], required: false },
  { key: 'visita', label: 'Requiere visita', type: 'checkbox' as const, options: [], required: true },
];

function server(opts: { status?: Conversation['status']; values?: FormValues } = {}) {
  let values: FormValues = { ...(opts.values ?? { ticket: 'T-1' }) };
  const form = (): ConversationForm => ({
    current: { teamId: 9, fields, values },
    earlier: [{ teamId: 4, teamName: 'Ventas', fields: [{ key: 'producto', label: 'Producto', type: 'text', options: [], required: true }], values: { producto: 'Lentes', viejo: 'x' }, updatedAt: new Date().toISOString() }],
  });
  const api = fakeApi({
    'GET /conversations/41': () => ({ body: conversation({ status: opts.status ?? 'open' }) }),
    'GET /conversations/41/form': () => ({ body: form() }),
    'PUT /conversations/41/form': (req) => {
      const body = req.body as { teamId: number; values: Record<string, string | boolean | null> };
      for (const [k, v] of Object.entries(body.values)) {
        if (v === null) delete values[k];
        else values[k] = v;
      }
      return { body: form() };
    },
  });
  return { api, setValues: (next: FormValues) => (values = next) };
}

const render = () =>
  renderWithProviders(
    <RealtimeProvider socketFactory={() => new FakeSocket()} url="ws://test/api/v1/realtime">
      <ConversationFormPanel conversationId={41} />
    </RealtimeProvider>,
  );

describe('conversation form panel', () => {
  it("shows the team's form with required marks, and earlier teams' values read-only", async () => {
    server();
    render();
    expect(await screen.findByText('Formulario · Soporte')).toBeTruthy();
    expect(screen.getByText('Los campos con * se piden al cerrar la conversación.')).toBeTruthy();
    expect(within(screen.getByTestId('form-field-motivo')).getByText('*')).toBeTruthy();
    expect(within(screen.getByTestId('form-field-ticket')).queryByText('*')).toBeNull();
    expect(within(screen.getByTestId('form-field-ticket')).getByText('T-1')).toBeTruthy();
    const earlier = screen.getByTestId('earlier-form-4');
    expect(within(earlier).getByText('Ventas')).toBeTruthy();
    expect(within(earlier).getByText('Lentes')).toBeTruthy();
    expect(within(earlier).getByText('viejo')).toBeTruthy();
    expect(within(earlier).queryByRole('textbox')).toBeNull();
  });

  it('saves a text on blur, a choice and a checkbox as they change, each for the shown team', async () => {
    const { api } = server();
    const user = userEvent.setup({ delay: null });
    render();
    await screen.findByTestId('form-field-ticket');
    await user.click(screen.getByRole('button', { name: 'Editar N.º de ticket' }));
    const input = screen.getByLabelText('N.º de ticket');
    await user.clear(input);
    await user.type(input, 'T-2048');
    await user.tab();
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ teamId: 9, values: { ticket: 'T-2048' } });
    expect(await within(screen.getByTestId('form-field-ticket')).findByText('T-2048')).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: /Requiere visita/ }));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]!.body).toEqual({ teamId: 9, values: { visita: true } });

    await user.click(screen.getByRole('combobox', { name: 'Motivo' }));
    await user.click(await screen.findByRole('option', { name: 'Garantía', hidden: true }));
    await waitFor(() => expect(api.writes()).toHaveLength(3));
    expect(api.writes()[2]!.body).toEqual({ teamId: 9, values: { motivo: 'Garantía' } });
  });

  it('refetches when another agent fills it (conversation.form_updated)', async () => {
    const { api, setValues } = server();
    render();
    await screen.findByTestId('form-field-ticket');
    await waitFor(() => expect(FakeSocket.last?.readyState).toBe(1));
    const gets = () => api.requests.filter((r) => r.method === 'GET' && r.path === '/conversations/41/form').length;
    const before = gets();
    setValues({ ticket: 'T-9', visita: true });
    FakeSocket.last!.push({ id: 10, type: 'message.created', conversationId: 41, teamId: 9, assigneeId: null, actor: { type: 'user', id: 2 }, payload: { conversation: { id: 41, teamId: 9 } }, createdAt: new Date().toISOString() });
    FakeSocket.last!.push({ id: 11, type: 'conversation.form_updated', conversationId: 40, teamId: 9, assigneeId: null, actor: { type: 'user', id: 2 }, payload: { teamId: 9, keys: ['ticket'] }, createdAt: new Date().toISOString() });
    expect(gets()).toBe(before);
    FakeSocket.last!.push({ id: 12, type: 'conversation.form_updated', conversationId: 41, teamId: 9, assigneeId: null, actor: { type: 'user', id: 2 }, payload: { teamId: 9, keys: ['ticket', 'visita'] }, createdAt: new Date().toISOString() });
    expect(await within(screen.getByTestId('form-field-ticket')).findByText('T-9')).toBeTruthy();
    expect(gets()).toBe(before + 1);
  });

  it('is read-only once the conversation is closed', async () => {
    const { api } = server({ status: 'closed' });
    render();
    expect(await screen.findByText('La conversación está cerrada: el formulario solo se puede leer.')).toBeTruthy();
    expect(screen.getByText('T-1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Editar N.º de ticket' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(api.writes()).toEqual([]);
  });
});

describe('missingRequired', () => {
  it('lists empty required fields of the current team, an unchecked checkbox included', () => {
    const form: ConversationForm = { current: { teamId: 9, fields, values: { motivo: ' ', visita: false } }, earlier: [] };
    expect(missingRequired(form).map((f) => f.key)).toEqual(['motivo', 'visita']);
    expect(missingRequired({ ...form, current: { ...form.current!, values: { motivo: 'Garantía', visita: true } } })).toEqual([]);
    expect(missingRequired({ current: null, earlier: [] })).toEqual([]);
  });
});
