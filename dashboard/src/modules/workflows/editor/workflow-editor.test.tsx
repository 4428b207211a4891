// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeApi, makeMe, renderWithApp, type FakeHandler } from '../../settings/test-kit';
import { definition, directoryRoutes, workflow } from '../test-fixtures';
import type { Workflow } from '../workflows.api';
import type { WorkflowDefinition } from '../workflow-types';
import { WorkflowEditorPage } from './workflow-editor-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The editor at /workflows/5 against a fake server holding `initial`; PATCH answers the saved draft. */
function server(initial: Workflow, over: Record<string, FakeHandler> = {}) {
  let current = initial;
  return fakeApi({
    ...directoryRoutes(),
    'GET /workflows/:id': () => ({ body: current }),
    'PATCH /workflows/:id': (req) => {
      const body = req.body as { name: string; description: string; definition: WorkflowDefinition };
      current = { ...current, name: body.name, description: body.description, draft: body.definition, problems: [] };
      return { body: current };
    },
    ...over,
  });
}

function renderEditor(me = makeMe('admin')) {
  return renderWithApp(
    <Routes>
      <Route path="/workflows/:workflowId" element={<WorkflowEditorPage />} />
    </Routes>,
    { path: '/workflows/5', me },
  );
}

const card = (id: string) => screen.getAllByTestId('step-card').find((c) => c.getAttribute('data-step-id') === id)!;
const cardIds = () => screen.getAllByTestId('step-card').map((c) => c.getAttribute('data-step-id')!);
const nestedList = (name: string) => screen.getAllByTestId('nested-list').find((l) => l.getAttribute('data-list') === name)!;

async function pick(user: ReturnType<typeof userEvent.setup>, combobox: HTMLElement, option: string) {
  await user.click(combobox);
  await user.click(await screen.findByRole('option', { name: option, hidden: true }));
}

async function closePanel(user: ReturnType<typeof userEvent.setup>) {
  await user.click(within(screen.getByTestId('step-panel')).getByRole('button', { name: 'Listo' }));
  await waitFor(() => expect(screen.queryByTestId('step-panel')).toBeNull());
}

describe('workflow editor', () => {
  it('builds a branch with a message in its "Si no", edits both forms and saves the definition as the schema has it', async () => {
    const api = server(workflow(5));
    const user = userEvent.setup({ delay: null });
    renderEditor();
    expect(await screen.findByText('Nunca publicado')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Añadir paso en «Pasos»' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Condición', hidden: true }));
    // The new step opens in the side panel.
    let panel = await screen.findByTestId('step-panel');
    await user.type(within(panel).getByLabelText('Nombre de la rama 1'), 'VIP');
    await user.click(within(panel).getByRole('button', { name: '+ Añadir condición' }));
    await pick(user, within(panel).getByRole('combobox', { name: 'Campo' }), 'Correo');
    await pick(user, within(panel).getByRole('combobox', { name: 'Comparación' }), 'contiene');
    await user.type(within(panel).getByRole('textbox', { name: 'Valor' }), '@vip.example');
    await closePanel(user);

    const [branchId] = cardIds();
    expect(branchId).toMatch(/^s_[a-z0-9]{6}$/);
    expect(card(branchId!).textContent).toContain('1 rama y «Si no»');
    // The branch's lists sit under it, each with its own add button.
    expect(within(nestedList('branches[0].steps')).getByText('Rama VIP')).toBeTruthy();
    await user.click(within(nestedList('else')).getByRole('button', { name: 'Añadir paso en «Si no»' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Enviar mensaje', hidden: true }));
    panel = await screen.findByTestId('step-panel');
    const text = within(panel).getByRole('textbox', { name: 'Mensaje' });
    await user.type(text, 'Te atiende un asesor, ');
    await user.click(within(panel).getByRole('button', { name: 'Insertar una variable' }));
    await user.click(await screen.findByRole('menuitem', { name: '{{contact.first_name}}', hidden: true }));
    expect((text as HTMLTextAreaElement).value).toBe('Te atiende un asesor, {{contact.first_name}}');
    await closePanel(user);

    const messageId = cardIds()[1]!;
    expect(messageId).toMatch(/^s_[a-z0-9]{6}$/);
    expect(messageId).not.toBe(branchId);
    expect(card(messageId).textContent).toContain('Te atiende un asesor, {{contact.first_name}}');
    expect(screen.getByTestId('unsaved')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: '/workflows/5' });
    expect((api.writes()[0]!.body as { definition: unknown }).definition).toEqual({
      version: 1,
      trigger: { type: 'conversation_opened', sources: [], conditions: [], match: 'all', oncePerContact: false },
      steps: [
        {
          id: branchId,
          type: 'branch',
          branches: [
            {
              id: expect.stringMatching(/^b_[a-z0-9]{6}$/),
              name: 'VIP',
              conditions: [{ kind: 'contact_field', field: 'email', operator: 'contains', value: '@vip.example' }],
              match: 'all',
              steps: [],
            },
          ],
          else: [{ id: messageId, type: 'send_message', message: { kind: 'text', text: 'Te atiende un asesor, {{contact.first_name}}' }, onFailure: [] }],
        },
      ],
    });
    await waitFor(() => expect(screen.queryByTestId('unsaved')).toBeNull());
  });

  it('moves and deletes steps within their own list', async () => {
    const msg = (id: string, text: string) => ({ id, type: 'send_message' as const, message: { kind: 'text' as const, text }, onFailure: [] });
    const api = server(workflow(5, definition([msg('uno', 'Primero'), msg('dos', 'Segundo'), { id: 'fin', type: 'end' }])));
    const user = userEvent.setup({ delay: null });
    renderEditor();
    await screen.findAllByTestId('step-card');
    expect((screen.getByRole('button', { name: 'Subir el paso uno' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Bajar el paso uno' }));
    expect(cardIds()).toEqual(['dos', 'uno', 'fin']);
    await user.click(screen.getByRole('button', { name: 'Eliminar el paso fin' }));
    expect(cardIds()).toEqual(['dos', 'uno']);
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect((api.writes()[0]!.body as { definition: WorkflowDefinition }).definition.steps.map((s) => s.id)).toEqual(['dos', 'uno']);
  });

  it('shows the server’s problems on the steps they name, on the trigger and in the list at the top', async () => {
    const draft = definition(
      [
        { id: 'saludo', type: 'send_message', message: { kind: 'text', text: 'Hola' }, onFailure: [] },
        {
          id: 'tipo',
          type: 'branch',
          branches: [
            {
              id: 'vip',
              name: 'VIP',
              conditions: [{ kind: 'tag', scope: 'contact', operator: 'is', value: 'vip' }],
              match: 'all',
              steps: [{ id: 'pedir', type: 'ask_question', question: '', kind: 'text', choices: [], saveTo: null, retries: 2, invalidMessage: '', onInvalid: [], onTimeout: [] }],
            },
          ],
          else: [],
        },
      ],
      { type: 'shortcut', name: '', teamIds: [], conditions: [], match: 'all', oncePerContact: false },
    );
    server(
      workflow(5, draft, {
        problems: [
          { stepId: 'pedir', path: 'steps[1].branches[0].steps[0].question', code: 'missing_setting', message: 'Write the question' },
          { path: 'trigger.name', code: 'missing_setting', message: 'Name the shortcut agents will see' },
        ],
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderEditor();
    const summary = await screen.findByTestId('problems-summary');
    expect(summary.textContent).toContain('2 cosas por resolver antes de publicar');
    const items = within(summary).getAllByTestId('problem-item').map((i) => i.textContent);
    expect(items).toEqual(['Paso Hacer una pregunta (pedir): Falta completar: Pregunta', 'Disparador: Falta completar: Nombre']);

    expect(card('pedir').getAttribute('data-invalid')).toBe('true');
    expect(within(card('pedir')).getByTestId('step-problem-count').textContent).toBe('1 problema');
    expect(card('saludo').getAttribute('data-invalid')).toBeNull();
    expect(card('tipo').getAttribute('data-invalid')).toBeNull();
    expect(screen.getByTestId('trigger-problems').textContent).toContain('Falta completar: Nombre');

    await user.click(within(summary).getByRole('button', { name: 'Paso Hacer una pregunta (pedir)' }));
    const panel = await screen.findByTestId('step-panel');
    expect(within(panel).getByTestId('step-panel-problems').textContent).toContain('Falta completar: Pregunta');
    expect((within(panel).getByRole('textbox', { name: 'Pregunta' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('shows why a publish was refused next to the step, and publishes after the fix (saving first)', async () => {
    const draft = definition([
      { id: 'crm', type: 'http_request', method: 'POST', url: '', headers: [], body: null, saveResponse: [], timeoutMs: 10_000, onFailure: [] },
    ]);
    let refuse = true;
    const api = server(workflow(5, draft), {
      'POST /workflows/:id/publish': () => {
        if (refuse) {
          refuse = false;
          return {
            status: 422,
            body: {
              error: {
                code: 'workflow_invalid',
                message: 'The workflow is not ready: Give the URL',
                details: [{ field: 'steps[0].url', path: 'steps[0].url', code: 'missing_setting', message: 'Give the URL', stepId: 'crm' }],
              },
            },
          };
        }
        return { body: workflow(5, draft, { status: 'published', version: 1, hasUnpublishedChanges: false }) };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderEditor();
    await screen.findByTestId('step-card');
    expect(screen.queryByTestId('problems-summary')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Publicar' }));
    expect((await screen.findByTestId('editor-error')).textContent).toBe('No se puede publicar todavía: revisa la lista de problemas.');
    expect(within(screen.getByTestId('problems-summary')).getByTestId('problem-item').textContent).toBe('Paso Petición HTTP (crm): Falta completar: URL');
    expect(card('crm').getAttribute('data-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Editar el paso Petición HTTP (crm)' }));
    const panel = await screen.findByTestId('step-panel');
    expect(within(panel).getByTestId('step-panel-problems').textContent).toContain('Falta completar: URL');
    await user.type(within(panel).getByRole('textbox', { name: 'URL' }), 'https://crm.example/leads');
    const body = within(panel).getByRole('textbox', { name: 'Cuerpo (JSON)' });
    await user.type(body, 'nombre');
    expect(await within(panel).findByText('No es JSON válido: no se guardará hasta que lo corrijas.')).toBeTruthy();
    await user.clear(body);
    await closePanel(user);

    await user.click(screen.getByRole('button', { name: 'Publicar' }));
    expect(await screen.findByText('Publicado: versión 1')).toBeTruthy();
    expect(api.writes().map((w) => `${w.method} ${w.path}`)).toEqual(['POST /workflows/5/publish', 'PATCH /workflows/5', 'POST /workflows/5/publish']);
    expect((api.writes()[1]!.body as { definition: WorkflowDefinition }).definition.steps[0]).toMatchObject({ url: 'https://crm.example/leads', body: null });
    await waitFor(() => expect(screen.queryByTestId('problems-summary')).toBeNull());
    expect(screen.queryByTestId('editor-error')).toBeNull();
    expect(screen.getByTestId('workflow-status').textContent).toBe('Publicado');
    expect(screen.getByRole('button', { name: 'Detener' })).toBeTruthy();
  });

  it('edits the trigger: its type, its settings, a condition and "once per contact"; a webhook shows its URL', async () => {
    const api = server(workflow(5, definition([{ id: 'fin', type: 'end' }]), { hookUrl: null }));
    const user = userEvent.setup({ delay: null });
    renderEditor();
    const trigger = await screen.findByTestId('trigger-card');
    await pick(user, within(trigger).getByRole('combobox', { name: 'Cuándo empieza' }), 'Atajo en la conversación');
    await user.type(within(trigger).getByRole('textbox', { name: /^Nombre del atajo/ }), 'Enviar catálogo');
    await pick(user, within(trigger).getByRole('combobox', { name: /^Equipos que lo ven/ }), 'Ventas');
    await user.click(within(trigger).getByRole('button', { name: '+ Añadir condición' }));
    await pick(user, within(trigger).getByRole('combobox', { name: 'Condición 1' }), 'Etiqueta');
    await pick(user, within(trigger).getByRole('combobox', { name: 'Etiqueta' }), 'vip');
    await user.click(within(trigger).getByRole('switch', { name: /^Una sola vez por contacto/ }));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect((api.writes()[0]!.body as { definition: WorkflowDefinition }).definition.trigger).toEqual({
      type: 'shortcut',
      name: 'Enviar catálogo',
      teamIds: [3],
      conditions: [{ kind: 'tag', scope: 'contact', operator: 'is', value: 'vip' }],
      match: 'all',
      oncePerContact: true,
    });

    cleanup();
    vi.unstubAllGlobals();
    server(
      workflow(6, definition([{ id: 'fin', type: 'end' }], { type: 'incoming_webhook', contact: { by: 'phone', path: 'data.phone' }, createContact: false, variables: [], conditions: [], match: 'all', oncePerContact: false }), {
        hookUrl: 'https://atiende.example/api/v1/hooks/workflow/tok_123',
      }),
    );
    renderEditor();
    expect((await screen.findByTestId('hook-url')).textContent).toBe('https://atiende.example/api/v1/hooks/workflow/tok_123');
    expect(screen.getByRole('button', { name: 'Copiar' })).toBeTruthy();
  });

  it('is read-only for a supervisor', async () => {
    server(workflow(5, definition([{ id: 'fin', type: 'end' }])));
    const user = userEvent.setup({ delay: null });
    renderEditor(makeMe('supervisor'));
    await screen.findByTestId('step-card');
    expect(screen.queryByRole('button', { name: 'Guardar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publicar' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Añadir paso/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Eliminar el paso fin' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Editar el paso Terminar (fin)' }));
    const panel = await screen.findByTestId('step-panel');
    const name = within(panel).getByRole('textbox', { name: /^Nombre del paso/ }) as HTMLInputElement;
    // The panel's fieldset is disabled: what is typed does not land.
    await user.type(name, 'x');
    expect(name.value).toBe('');
  });
});
