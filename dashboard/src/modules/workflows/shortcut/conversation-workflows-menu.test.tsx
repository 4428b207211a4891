// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, makeMe, renderWithApp } from '../../settings/test-kit';
import { ConversationWorkflowsMenu } from './conversation-workflows-menu';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('"Flujos" in a conversation', () => {
  it('lists the shortcut workflows of the conversation, runs the chosen one and says so', async () => {
    const api = fakeApi({
      'GET /conversations/:id/workflows': (req) => ({
        body: { items: req.path === '/conversations/40/workflows' ? [{ id: 7, name: 'Enviar catálogo' }, { id: 8, name: 'Pasar a cobranzas' }] : [] },
      }),
      'POST /conversations/:id/workflows/:workflowId/run': () => ({ status: 202, body: { runId: 501 } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ConversationWorkflowsMenu conversationId={40} />, { me: makeMe('agent') });
    await user.click(await screen.findByRole('button', { name: 'Flujos' }));
    expect(await screen.findByRole('menuitem', { name: 'Enviar catálogo', hidden: true })).toBeTruthy();
    await user.click(screen.getByRole('menuitem', { name: 'Pasar a cobranzas', hidden: true }));
    await waitFor(() => expect(api.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /conversations/40/workflows/8/run']));
    expect(await screen.findByText('Se inició el flujo «Pasar a cobranzas».')).toBeTruthy();
  });

  it('says when the run was refused', async () => {
    fakeApi({
      'GET /conversations/:id/workflows': () => ({ body: { items: [{ id: 7, name: 'Enviar catálogo' }] } }),
      'POST /conversations/:id/workflows/:workflowId/run': () => ({ status: 403, body: { error: { code: 'forbidden', message: 'no' } } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ConversationWorkflowsMenu conversationId={40} />, { me: makeMe('agent') });
    await user.click(await screen.findByRole('button', { name: 'Flujos' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Enviar catálogo', hidden: true }));
    expect(await screen.findByText('No se pudo iniciar «Enviar catálogo»')).toBeTruthy();
    expect(screen.getByText('No tienes permiso para hacer esto.')).toBeTruthy();
  });

  it('stays out of the header when there is nothing to run', async () => {
    const api = fakeApi({ 'GET /conversations/:id/workflows': () => ({ body: { items: [] } }) });
    renderWithApp(<ConversationWorkflowsMenu conversationId={41} />, { me: makeMe('agent') });
    await waitFor(() => expect(api.requests.map((r) => r.path)).toEqual(['/conversations/41/workflows']));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Flujos' })).toBeNull();
  });
});
