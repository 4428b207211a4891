// @vitest-environment happy-dom
import '../../../i18n/i18n';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18n } from '../../../i18n/i18n';
import { meKey, type ClosingNotePolicy, type Me } from '../../../app/auth';
import type { Conversation } from '../../inbox/conversations.api';
import { CloseModal } from './close-modal';
import { useConversationAction } from './use-conversation-action';

// happy-dom has no FontFaceSet; Mantine's autosize textarea listens to it.
if (!document.fonts) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });

const conversation = {
  id: 41,
  status: 'open',
  priority: 'none',
  tags: [],
  botActive: false,
  contact: { id: 7, name: 'Carla Cliente', phone: '+584121234567', email: null, documentNumber: null },
  channel: { id: 3, type: 'api', name: 'Web' },
  team: null,
  assignee: { id: 1, name: 'Yo Agente', avatarUrl: null },
  snooze: null,
  closingNote: null,
  closedAt: null,
  firstReplyAt: null,
  lastInboundAt: null,
  lastActivityAt: '2030-01-01T00:00:00.000Z',
  lastMessagePreview: 'Hola',
  unreadCount: 0,
  createdAt: '2030-01-01T00:00:00.000Z',
} as unknown as Conversation;

const meWith = (closingNotePolicy: ClosingNotePolicy): Me => ({
  user: { id: 1, name: 'Yo Agente', email: 'yo@x.io', language: 'es' },
  workspace: { id: 1, name: 'Atiende', timezone: 'UTC', language: 'es', closingNotePolicy },
  role: 'agent',
  accessLevel: 'all',
  teamIds: [],
  workspaces: [{ id: 1, name: 'Atiende' }],
});

type Answer = { status: number; body: unknown };
let closes: Array<{ body: unknown }> = [];
let nextClose: Answer | null = null;

beforeEach(async () => {
  await i18n.changeLanguage('es');
  closes = [];
  nextClose = null;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/v1/closing-categories') return json(200, { items: [{ id: 1, name: 'Resuelto', createdAt: '2030-01-01T00:00:00Z' }], nextCursor: null });
    if (url.pathname === '/api/v1/conversations/41/close') {
      closes.push({ body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
      const answer = nextClose ?? { status: 200, body: { ...conversation, status: 'closed' } };
      nextClose = null;
      return json(answer.status, answer.body);
    }
    return json(404, { error: { code: 'not_found', message: url.pathname } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Harness({ onClose }: { onClose: () => void }) {
  const action = useConversationAction(conversation.id);
  return <CloseModal conversation={conversation} opened onClose={onClose} action={action} />;
}

function renderModal(policy: ClosingNotePolicy) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meKey, meWith(policy));
  const onClose = vi.fn();
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <Harness onClose={onClose} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { onClose, dialog: () => screen.getByRole('dialog') };
}

async function pickCategory(user: ReturnType<typeof userEvent.setup>, name: string) {
  const select = screen.getByTestId('close-category');
  await waitFor(() => expect((select as HTMLInputElement).disabled).toBe(false));
  await user.click(select);
  await user.click(await screen.findByRole('option', { name, hidden: true }));
}

describe('CloseModal', () => {
  it('disabled: no note fields, closes with an empty body', async () => {
    const user = userEvent.setup();
    const { onClose, dialog } = renderModal('disabled');
    expect(within(dialog()).getByText('La conversación se cerrará sin nota de cierre.')).toBeTruthy();
    expect(screen.queryByTestId('close-category')).toBeNull();
    expect(screen.queryByTestId('close-summary')).toBeNull();
    await user.click(screen.getByTestId('close-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(closes).toEqual([{ body: {} }]);
  });

  it('category and summary: both marked required and asked for before the server', async () => {
    const user = userEvent.setup();
    const { onClose } = renderModal('category_and_summary');
    const summary = screen.getByTestId('close-summary') as HTMLTextAreaElement;
    expect(summary.required).toBe(true);
    expect((screen.getByTestId('close-category') as HTMLInputElement).required).toBe(true);
    await user.click(screen.getByTestId('close-submit'));
    expect(await screen.findAllByText('Este campo es obligatorio')).toHaveLength(2);
    expect(closes).toEqual([]);
    await pickCategory(user, 'Resuelto');
    expect(screen.getAllByText('Este campo es obligatorio')).toHaveLength(1);
    await user.type(summary, 'Se cambió el pedido');
    await user.click(screen.getByTestId('close-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(closes).toEqual([{ body: { category: 'Resuelto', summary: 'Se cambió el pedido' } }]);
  });

  it('optional: nothing is required', async () => {
    const user = userEvent.setup();
    const { onClose } = renderModal('optional');
    expect((screen.getByTestId('close-summary') as HTMLTextAreaElement).required).toBe(false);
    await user.click(screen.getByTestId('close-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(closes).toEqual([{ body: {} }]);
  });

  it("a 422 form_incomplete lists the team form's missing fields and keeps the dialog open", async () => {
    const user = userEvent.setup();
    const { onClose } = renderModal('optional');
    nextClose = {
      status: 422,
      body: { error: { code: 'form_incomplete', message: 'Form incomplete', details: [{ field: 'form.motivo', message: 'Motivo is required' }, { field: 'form.pedido', message: 'Pedido is required' }] } },
    };
    await user.click(screen.getByTestId('close-submit'));
    const alert = await screen.findByTestId('close-form-errors');
    expect(alert.textContent).toContain('Completa el formulario del equipo antes de cerrar:');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Motivo is required', 'Pedido is required']);
    expect(onClose).not.toHaveBeenCalled();
    // Once the form is filled in (elsewhere), closing again goes through and the list is gone with the dialog.
    await user.click(screen.getByTestId('close-submit'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('close-form-errors')).toBeNull();
  });

  it('a 422 closing_note_required (the policy changed meanwhile) marks the named field', async () => {
    const user = userEvent.setup();
    renderModal('optional');
    nextClose = { status: 422, body: { error: { code: 'closing_note_required', message: 'x', details: [{ field: 'category', message: 'required' }] } } };
    await user.click(screen.getByTestId('close-submit'));
    expect(await screen.findByText('Este campo es obligatorio')).toBeTruthy();
    expect(screen.getByTestId('close-category').getAttribute('aria-invalid')).toBe('true');
  });
});
