// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { i18n } from '../../../i18n/i18n';
import { fakeApi, makeMe, renderWithApp } from '../../settings/test-kit';
import { WorkflowEditorPage } from '../editor/workflow-editor-page';
import { definition, directoryRoutes, summary, workflow } from '../test-fixtures';
import type { WorkflowSummary } from '../workflows.api';
import { WorkflowsPage } from './workflows-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  void i18n.changeLanguage('es');
});

const list: WorkflowSummary[] = [
  summary(1, { name: 'Fuera de horario', description: 'Responde cuando no hay nadie', status: 'published', version: 3, hasUnpublishedChanges: true, triggerType: 'message_received', runs: { active: 2, total: 40 } }),
  summary(2, { name: 'Ingreso a CRM', status: 'stopped', version: 1, hasUnpublishedChanges: false, triggerType: 'conversation_closed' }),
  summary(3, { name: 'Borrador', status: 'draft', version: 0 }),
];

function renderPage(me = makeMe('admin')) {
  return renderWithApp(
    <Routes>
      <Route path="/workflows" element={<WorkflowsPage />} />
      <Route path="/workflows/:workflowId" element={<WorkflowEditorPage />} />
    </Routes>,
    { path: '/workflows', me },
  );
}

describe('workflows list', () => {
  it('lists each workflow with its status, trigger, version and runs, with the actions its status allows', async () => {
    const api = fakeApi({
      ...directoryRoutes(list),
      'POST /workflows/:id/stop': () => ({ body: workflow(1, definition(), { ...list[0]!, status: 'stopped' }) }),
      'DELETE /workflows/:id': () => ({ body: { id: 3, deleted: true } }),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    const rows = await screen.findAllByTestId('workflow-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('Fuera de horario');
    expect(rows[0]!.textContent).toContain('Responde cuando no hay nadie');
    expect(rows[0]!.textContent).toContain('Publicado');
    expect(rows[0]!.textContent).toContain('Cambios sin publicar');
    expect(rows[0]!.textContent).toContain('Llega un mensaje');
    expect(rows[0]!.textContent).toContain('v3');
    expect(rows[0]!.textContent).toContain('2 activas · 40 en total');
    expect(within(rows[0]!).getByRole('link', { name: 'Fuera de horario' }).getAttribute('href')).toBe('/workflows/1');
    expect(within(rows[1]!).getByRole('button', { name: 'Reanudar' })).toBeTruthy();
    expect(within(rows[2]!).queryByRole('button', { name: 'Detener' })).toBeNull();
    expect(within(rows[2]!).queryByRole('button', { name: 'Reanudar' })).toBeNull();

    await user.click(within(rows[0]!).getByRole('button', { name: 'Detener' }));
    await user.click(within(rows[2]!).getByRole('button', { name: 'Eliminar' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Eliminar' }));
    await waitFor(() => expect(api.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /workflows/1/stop', 'DELETE /workflows/3']));
    await waitFor(() => expect(screen.getAllByTestId('workflow-row')).toHaveLength(2));
  });

  it('creates a workflow from a template of the gallery in the interface’s language and opens it', async () => {
    const created = workflow(9, definition([{ id: 'fin', type: 'end' }]), { name: 'Out of hours' });
    const api = fakeApi({
      ...directoryRoutes([]),
      'GET /workflow-templates': (req) => ({
        body: {
          items:
            req.query.get('lang') === 'en'
              ? [
                  { id: 'out-of-hours', name: 'Out of hours', description: 'Answers when the team is away', triggerType: 'message_received', group: null },
                  { id: 'sales-round-robin', name: 'Sales round robin', description: 'Shares new sales chats', triggerType: 'conversation_opened', group: null },
                ]
              : [{ id: 'out-of-hours', name: 'Fuera de horario', description: 'Responde cuando no hay nadie', triggerType: 'message_received', group: null }],
        },
      }),
      'POST /workflows': () => ({ status: 201, body: created }),
      'GET /workflows/:id': () => ({ body: created }),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByText('Todavía no hay flujos.');
    await i18n.changeLanguage('en');
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('From a template'));
    const cards = await within(dialog).findAllByTestId('template-card');
    expect(cards.map((c) => c.textContent)).toEqual([
      'Out of hoursAnswers when the team is awayA message arrives',
      'Sales round robinShares new sales chatsA conversation opens',
    ]);
    expect(api.requests.find((r) => r.path === '/workflow-templates')!.query.get('lang')).toBe('en');
    await user.click(cards[0]!);
    expect((within(dialog).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Out of hours');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'POST', path: '/workflows', body: { name: 'Out of hours', templateId: 'out-of-hours', lang: 'en' } });
    // The new draft opens in the editor.
    expect(await screen.findByRole('button', { name: 'Edit step End (fin)' })).toBeTruthy();
  });

  it('creates a blank workflow, asking for its name first', async () => {
    const api = fakeApi({
      ...directoryRoutes([]),
      'POST /workflows': (req) => ({ status: 201, body: workflow(4, definition(), { name: (req.body as { name: string }).name }) }),
      'GET /workflows/:id': () => ({ body: workflow(4, definition(), { name: 'Bienvenida' }) }),
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Nuevo flujo' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Este campo es obligatorio')).toBeTruthy();
    expect(api.writes()).toEqual([]);
    await user.type(within(dialog).getByLabelText(/^Nombre/), 'Bienvenida');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()[0]?.body).toEqual({ name: 'Bienvenida' }));
    expect(await screen.findByDisplayValue('Bienvenida')).toBeTruthy();
  });

  it('imports a file and shows the problems the server finds in it', async () => {
    const api = fakeApi({
      ...directoryRoutes([]),
      'POST /workflows/import': () => ({
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid body.file',
            details: [{ field: 'body.file.definition.version', path: 'definition.version', code: 'unsupported_version', message: 'This file uses format version 2' }],
          },
        },
      }),
    });
    const user = userEvent.setup({ delay: null });
    const { container } = renderPage();
    await screen.findByText('Todavía no hay flujos.');
    const input = container.ownerDocument.querySelector('input[type="file"]') as HTMLInputElement;
    const text = JSON.stringify({ atiende: 'workflow', version: 1, name: 'X', description: '', definition: { version: 2 } });
    await user.upload(input, new File([text], 'flujo.json', { type: 'application/json' }));
    const problems = await screen.findByTestId('import-problems');
    expect(problems.textContent).toContain('No se pudo importar el archivo');
    expect(problems.textContent).toContain('definition.version: El archivo es de una versión de Atiende que esta no lee');
    expect(api.writes()[0]).toMatchObject({ path: '/workflows/import', body: { file: text } });
  });

  it('is read-only for a supervisor and closed to agents', async () => {
    fakeApi(directoryRoutes(list));
    renderPage(makeMe('supervisor'));
    await screen.findAllByTestId('workflow-row');
    expect(screen.getByTestId('settings-read-only')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Nuevo flujo' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Eliminar' })).toBeNull();
    cleanup();
    renderPage(makeMe('agent'));
    expect(await screen.findByText('Solo supervisores y administradores ven los flujos.')).toBeTruthy();
  });
});
