// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Conversation } from '../../inbox/conversations.api';
import { fakeApi, renderWithProviders } from '../../settings/test-kit';
import { TemplateReply } from './template-reply';
import { fillTemplate } from './templates.api';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const HOUR = 3_600_000;
const conversation = (over: Partial<Conversation> & { replyWindowEndsAt?: string | null } = {}): Conversation => ({
  id: 41, status: 'open', priority: 'none', tags: [], botActive: false,
  contact: { id: 7, name: 'Camila', phone: '+573001112233', email: null, documentNumber: null },
  channel: { id: 3, type: 'whatsapp', name: 'WhatsApp ventas' }, team: null, assignee: null, snooze: null, closingNote: null, closedAt: null, firstReplyAt: null,
  lastInboundAt: new Date(Date.now() - 30 * HOUR).toISOString(), lastActivityAt: new Date().toISOString(), lastMessagePreview: 'Hola', unreadCount: 0, createdAt: new Date().toISOString(),
  ...over,
});
const whatsapp = { capabilities: { replyWindow: { durationMs: 24 * HOUR }, templates: true, interactive: true } };
const templates = {
  items: [
    { id: 5, name: 'order_update', language: 'es', category: 'UTILITY', status: 'APPROVED', body: 'Hola {{1}}, tu pedido {{2}} está en camino.', variables: 2, sendable: true },
    { id: 6, name: 'reengage', language: 'es', category: 'MARKETING', status: 'APPROVED', body: '¿Seguimos?', variables: 0, sendable: true },
  ],
};

describe('template reply (the 24-hour window closed)', () => {
  it('says only templates can be sent, and sends the picked one with its variables filled in', async () => {
    const api = fakeApi({
      'GET /channels/3': () => ({ body: whatsapp }),
      'GET /channels/3/templates': () => ({ body: templates }),
      'POST /conversations/41/messages': (req) => ({ status: 201, body: { id: 900, conversationId: 41, kind: 'message', direction: 'outbound', body: 'Hola Camila, tu pedido 4417 está en camino.', meta: { template: req.body }, attachments: [], createdAt: new Date().toISOString() } }),
    });
    const onSent = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<TemplateReply conversation={conversation({ replyWindowEndsAt: new Date(Date.now() - 6 * HOUR).toISOString() })} active onSent={onSent} />);
    expect(await screen.findByText('La ventana de 24 horas está cerrada: solo puedes enviar plantillas')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Elegir plantilla' }));
    const dialog = await screen.findByRole('dialog');
    await user.click((await within(dialog).findAllByLabelText(/^Plantilla/))[0]!);
    await user.click(await screen.findByRole('option', { name: 'order_update · es', hidden: true }));
    const send = within(dialog).getByRole('button', { name: 'Enviar plantilla' });
    expect(send.hasAttribute('disabled')).toBe(true);
    await user.type(within(dialog).getByLabelText(/^Variable 1/), 'Camila');
    expect(within(dialog).getByTestId('template-preview').textContent).toBe('Hola Camila, tu pedido {{2}} está en camino.');
    await user.type(within(dialog).getByLabelText(/^Variable 2/), '4417');
    await user.click(send);
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ path: '/conversations/41/messages', body: { template: { name: 'order_update', language: 'es', variables: ['Camila', '4417'] } } });
    await waitFor(() => expect(onSent).toHaveBeenCalled());
  });

  it('shows nothing while the window is open, while writing a note, or on a channel without templates', async () => {
    const api = fakeApi({ 'GET /channels/3': () => ({ body: { capabilities: { replyWindow: { durationMs: 24 * HOUR, tag: 'HUMAN_AGENT', tagDurationMs: 168 * HOUR }, templates: false, interactive: true } } }) });
    renderWithProviders(<TemplateReply conversation={conversation({ replyWindowEndsAt: new Date(Date.now() + HOUR).toISOString() })} active />);
    expect(screen.queryByTestId('template-reply-notice')).toBeNull();
    cleanup();
    renderWithProviders(<TemplateReply conversation={conversation({ replyWindowEndsAt: new Date(Date.now() - HOUR).toISOString() })} active={false} />);
    expect(screen.queryByTestId('template-reply-notice')).toBeNull();
    expect(api.requests).toHaveLength(0);
    cleanup();
    // Messenger: its window closes too, but it has no templates (HUMAN_AGENT replies instead).
    renderWithProviders(<TemplateReply conversation={conversation({ replyWindowEndsAt: new Date(Date.now() - HOUR).toISOString() })} active />);
    await waitFor(() => expect(api.requests.map((r) => r.path)).toEqual(['/channels/3']));
    expect(screen.queryByTestId('template-reply-notice')).toBeNull();
  });

  it('fills the preview as the customer will read it', () => {
    expect(fillTemplate('Hola {{1}}, {{2}} y {{1}}', ['Ana', ' '])).toBe('Hola Ana, {{2}} y Ana');
  });
});
