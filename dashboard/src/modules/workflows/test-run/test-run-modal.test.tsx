// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeApi, renderWithApp } from '../../settings/test-kit';
import { WorkflowEditorPage } from '../editor/workflow-editor-page';
import { definition, directoryRoutes, workflow } from '../test-fixtures';
import type { WorkflowRunDetail } from '../workflow-runs.api';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const draft = definition([
  { id: 'saludo', name: 'Saludo', type: 'send_message', message: { kind: 'text', text: 'Hola {{contact.first_name}}' }, onFailure: [] },
  { id: 'crm', type: 'http_request', method: 'POST', url: 'https://crm.example/leads', headers: [], body: null, saveResponse: [{ path: 'data.id', variable: 'crm_id' }], timeoutMs: 10_000, onFailure: [] },
]);

const run = (over: Partial<WorkflowRunDetail>): WorkflowRunDetail => ({
  id: 77,
  version: 0,
  status: 'running',
  contact: { id: 12, name: 'María Gómez' },
  conversationId: 40,
  test: true,
  error: null,
  stepsRun: 1,
  cursor: { stepId: 'crm' },
  startedAt: '2025-03-01T10:00:00.000Z',
  finishedAt: null,
  steps: [{ id: 1, stepId: 'saludo', stepType: 'send_message', outcome: 'ok', detail: { messageId: 901 }, at: '2025-03-01T10:00:00.000Z' }],
  vars: {},
  ...over,
});

describe('test run', () => {
  it('runs the draft for a searched contact and conversation, and follows the log until the run ends', async () => {
    let polls = 0;
    const api = fakeApi({
      ...directoryRoutes(),
      'GET /workflows/:id': () => ({ body: workflow(5, draft) }),
      'GET /contacts': (req) => ({
        body: { items: req.query.get('q') === 'maría' ? [{ id: 12, name: 'María Gómez', phone: '+58 412 1234567', email: null, documentNumber: null, language: null, customFields: {}, tags: [], createdAt: '', updatedAt: '' }] : [], nextCursor: null },
      }),
      'GET /conversations': (req) => ({
        body: {
          items: req.query.get('contactId') === '12' ? [{ id: 40, status: 'open', channel: { id: 4, type: 'whatsapp', name: 'WhatsApp Ventas' }, contact: { id: 12 }, createdAt: '2025-03-01T09:00:00.000Z' }] : [],
          nextCursor: null,
        },
      }),
      'POST /workflows/:id/test-run': () => ({ status: 201, body: run({ steps: undefined as never }) }),
      'GET /workflow-runs/:runId': () => {
        polls += 1;
        if (polls < 2) return { body: run({}) };
        return {
          body: run({
            status: 'completed',
            stepsRun: 2,
            cursor: null,
            finishedAt: '2025-03-01T10:00:02.000Z',
            steps: [
              { id: 1, stepId: 'saludo', stepType: 'send_message', outcome: 'ok', detail: { messageId: 901 }, at: '2025-03-01T10:00:00.000Z' },
              { id: 2, stepId: 'crm', stepType: 'http_request', outcome: 'ok', detail: { status: 201 }, at: '2025-03-01T10:00:01.000Z' },
            ],
            vars: { crm_id: 'L-88' },
          }),
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(
      <Routes>
        <Route path="/workflows/:workflowId" element={<WorkflowEditorPage />} />
      </Routes>,
      { path: '/workflows/5' },
    );
    await user.click(await screen.findByRole('button', { name: 'Probar' }));
    const dialog = await screen.findByRole('dialog', { name: 'Probar el flujo' });
    expect((within(dialog).getByRole('button', { name: 'Ejecutar prueba' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(dialog).getByLabelText('Buscar contacto'), 'maría');
    await user.click(await within(dialog).findByRole('radio', { name: 'María Gómez · +58 412 1234567' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Conversación' }));
    await user.click(await screen.findByRole('option', { name: '#40 · WhatsApp Ventas · abierta', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Ejecutar prueba' }));

    await waitFor(() => expect(api.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /workflows/5/test-run']));
    expect(api.writes()[0]!.body).toEqual({ contactId: 12, conversationId: 40 });
    // While it runs, the log shows what ran so far; the next poll brings the end.
    const log = await within(dialog).findByTestId('run-log');
    expect(within(log).getByTestId('run-status').textContent).toBe('En curso');
    expect(within(log).getAllByTestId('run-step')).toHaveLength(1);
    expect(within(log).getAllByTestId('run-step')[0]!.textContent).toContain('Saludo');
    await waitFor(() => expect(within(log).getByTestId('run-status').textContent).toBe('Completada'), { timeout: 5000 });
    const steps = within(log).getAllByTestId('run-step');
    expect(steps).toHaveLength(2);
    expect(steps[1]!.textContent).toContain('Petición HTTP');
    expect(steps[1]!.textContent).toContain('"status": 201');
    expect(within(log).getByTestId('run-vars').textContent).toContain('"crm_id": "L-88"');
    expect(within(log).getByRole('link', { name: 'Conversación #40' }).getAttribute('href')).toBe('/conversations/40');
    const pollsAtEnd = polls;
    await new Promise((r) => setTimeout(r, 1300));
    expect(polls).toBe(pollsAtEnd);
  });

  it('lists what the server refuses in the draft', async () => {
    fakeApi({
      ...directoryRoutes(),
      'GET /workflows/:id': () => ({ body: workflow(5, draft) }),
      'GET /contacts': () => ({ body: { items: [{ id: 12, name: 'María Gómez', phone: null, email: 'maria@example.com', documentNumber: null, language: null, customFields: {}, tags: [], createdAt: '', updatedAt: '' }], nextCursor: null } }),
      'GET /conversations': () => ({ body: { items: [], nextCursor: null } }),
      'POST /workflows/:id/test-run': () => ({
        status: 422,
        body: { error: { code: 'workflow_invalid', message: 'not ready', details: [{ field: 'steps[1].url', path: 'steps[1].url', code: 'invalid_setting', message: 'The URL must start with http://' }] } },
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(
      <Routes>
        <Route path="/workflows/:workflowId" element={<WorkflowEditorPage />} />
      </Routes>,
      { path: '/workflows/5' },
    );
    await user.click(await screen.findByRole('button', { name: 'Probar' }));
    const dialog = await screen.findByRole('dialog', { name: 'Probar el flujo' });
    await user.type(within(dialog).getByLabelText('Buscar contacto'), 'maria');
    await user.click(await within(dialog).findByRole('radio', { name: 'María Gómez · maria@example.com' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ejecutar prueba' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('El borrador no está listo para probarse');
    expect(alert.textContent).toContain('Valor no válido: URL');
  });
});
