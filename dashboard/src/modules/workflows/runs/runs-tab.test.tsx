// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderWithApp } from '../../settings/test-kit';
import { definition } from '../test-fixtures';
import type { WorkflowRun } from '../workflow-runs.api';
import { RunsTab } from './runs-tab';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const run = (id: number, over: Partial<WorkflowRun> = {}): WorkflowRun => ({
  id,
  version: 2,
  status: 'completed',
  contact: { id: 12, name: 'María Gómez' },
  conversationId: 40,
  test: false,
  error: null,
  stepsRun: 3,
  cursor: null,
  startedAt: '2025-03-01T10:00:00.000Z',
  finishedAt: '2025-03-01T10:00:05.000Z',
  ...over,
});

describe('runs tab', () => {
  it('filters the runs by status, pages back, and opens a failed run with its log, error and variables', async () => {
    const failed = run(31, { status: 'failed', error: 'crm.example answered 503', stepsRun: 2 });
    const api = fakeApi({
      'GET /workflows/:id/runs': (req) => {
        if (req.query.get('status') === 'failed') return { body: { items: [failed], nextBefore: null } };
        if (req.query.get('before') === '30') return { body: { items: [run(12)], nextBefore: null } };
        return { body: { items: [run(33, { status: 'waiting', test: true }), failed, run(30)], nextBefore: 30 } };
      },
      'GET /workflow-runs/:runId': () => ({
        body: {
          ...failed,
          steps: [
            { id: 1, stepId: 'saludo', stepType: 'send_message', outcome: 'ok', detail: {}, at: '2025-03-01T10:00:00.000Z' },
            { id: 2, stepId: 'crm', stepType: 'http_request', outcome: 'failed', detail: { status: 503, body: '<b>down</b>' }, at: '2025-03-01T10:00:01.000Z' },
          ],
          vars: { motivo: 'precio' },
        },
      }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<RunsTab workflowId={5} definition={definition([{ id: 'saludo', name: 'Saludo', type: 'send_message', message: { kind: 'text', text: 'Hola' }, onFailure: [] }])} />);
    let rows = await screen.findAllByTestId('run-row');
    expect(rows.map((r) => within(r).getByTestId('run-status').textContent)).toEqual(['Esperando', 'Falló', 'Completada']);
    expect(rows[0]!.textContent).toContain('Prueba');
    expect(rows[1]!.textContent).toContain('crm.example answered 503');

    await user.click(screen.getByRole('button', { name: 'Anteriores' }));
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Más recientes' }));
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(3));

    await user.click(screen.getByRole('radio', { name: 'Falló' }));
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(1));
    // Back on the newest page, it is read again: runs move on.
    expect(api.requests.filter((r) => r.path === '/workflows/5/runs').map((r) => r.query.toString())).toEqual(['limit=50', 'before=30&limit=50', 'limit=50', 'status=failed&limit=50']);

    rows = screen.getAllByTestId('run-row');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Ver la ejecución 31' }));
    const log = await screen.findByTestId('run-log');
    expect(log.textContent).toContain('crm.example answered 503');
    const steps = within(log).getAllByTestId('run-step');
    expect(steps[0]!.textContent).toContain('Saludo');
    expect(steps[0]!.textContent).toContain('Bien');
    expect(steps[1]!.textContent).toContain('Petición HTTP');
    expect(steps[1]!.textContent).toContain('Falló');
    // Details are shown as text: markup in them stays text.
    expect(steps[1]!.textContent).toContain('"body": "<b>down</b>"');
    expect(steps[1]!.querySelector('b')).toBeNull();
    expect(within(log).getByTestId('run-vars').textContent).toContain('"motivo": "precio"');
    expect(within(log).getByRole('link', { name: 'Conversación #40' }).getAttribute('href')).toBe('/conversations/40');
  });
});
