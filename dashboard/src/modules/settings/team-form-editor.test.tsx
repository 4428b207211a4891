// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TeamFormEditor } from './team-form-editor';
import type { FormField } from './team-form.api';
import { fakeApi, makeMe, renderWithApp, validationError } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function server(initial: FormField[], opts: { refuse?: string } = {}) {
  let fields = [...initial];
  return fakeApi({
    'GET /teams/5/form': () => ({ body: { teamId: 5, fields } }),
    'PUT /teams/5/form': (req) => {
      if (opts.refuse) return validationError(opts.refuse);
      fields = (req.body as { fields: FormField[] }).fields;
      return { body: { teamId: 5, fields } };
    },
  });
}

const field = (key: string, label: string, over: Partial<FormField> = {}): FormField => ({ key, label, type: 'text', options: [], required: false, ...over });
const rows = () => screen.getAllByTestId('team-form-row');

describe('team form editor', () => {
  it('adds a select field (key from the label, options required), marks it required and saves the whole list', async () => {
    const api = server([field('nota', 'Nota')]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TeamFormEditor teamId={5} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const save = screen.getByRole('button', { name: 'Guardar' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Añadir campo' }));
    await user.type(screen.getByLabelText('Nombre visible del campo 2'), 'Motivo de la consulta');
    expect((screen.getByLabelText('Clave del campo 2') as HTMLInputElement).value).toBe('motivo_de_la_consulta');
    await user.selectOptions(screen.getByLabelText('Tipo del campo 2'), 'select');
    await user.click(screen.getByRole('switch', { name: 'Campo 2 obligatorio' }));
    expect(screen.getByText('Hay cambios sin guardar.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Añade al menos una opción')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    await user.type(screen.getByLabelText('Opciones del campo 2'), 'Venta{enter}Reclamo{enter}');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({
      fields: [
        { key: 'nota', label: 'Nota', type: 'text', options: [], required: false },
        { key: 'motivo_de_la_consulta', label: 'Motivo de la consulta', type: 'select', options: ['Venta', 'Reclamo'], required: true },
      ],
    });
    await waitFor(() => expect((screen.getByRole('button', { name: 'Guardar' }) as HTMLButtonElement).disabled).toBe(true));
  });

  it('reorders and removes fields, and refuses duplicate keys before sending', async () => {
    const api = server([field('nota', 'Nota'), field('monto', 'Monto', { type: 'number' }), field('visita', 'Visita', { type: 'date' })]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TeamFormEditor teamId={5} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Subir el campo 3' }));
    expect(rows().map((r) => (within(r).getAllByRole('textbox')[0] as HTMLInputElement).value)).toEqual(['Nota', 'Visita', 'Monto']);
    await user.click(screen.getByRole('button', { name: 'Quitar el campo 1' }));
    expect(rows()).toHaveLength(2);

    const key = screen.getByLabelText('Clave del campo 2');
    await user.clear(key);
    await user.type(key, 'visita');
    expect(screen.getByText('Los valores guardados con la clave anterior dejan de mostrarse en el formulario.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Ya existe uno con este valor')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    await user.clear(key);
    await user.type(key, 'importe');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect((api.writes()[0]!.body as { fields: FormField[] }).fields.map((f) => [f.key, f.type])).toEqual([['visita', 'date'], ['importe', 'number']]);
  });

  it("shows the server's refusal under the field it names", async () => {
    server([field('nota', 'Nota')], { refuse: 'body.fields.0.label' });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TeamFormEditor teamId={5} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.type(screen.getByLabelText('Nombre visible del campo 1'), ' interna');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await within(rows()[0]!).findByText('Valor no válido')).toBeTruthy();
  });

  it('is read-only for agents', async () => {
    server([field('nota', 'Nota', { required: true })]);
    renderWithApp(<TeamFormEditor teamId={5} />, { me: makeMe('agent') });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect((screen.getByLabelText('Nombre visible del campo 1') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Guardar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Añadir campo' })).toBeNull();
  });
});
