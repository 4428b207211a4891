// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContactFieldsSettings } from './contact-fields-settings';
import type { ContactField } from './contact-fields.api';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function server(initial: ContactField[]) {
  let fields = [...initial];
  let nextId = 100;
  return fakeApi({
    'GET /contact-fields': () => ({ body: { items: fields } }),
    'POST /contact-fields': (req) => {
      const field = { id: nextId++, ...(req.body as Omit<ContactField, 'id'>) };
      fields.push(field);
      return { status: 201, body: field };
    },
    'PATCH /contact-fields/:id': (req) => {
      const id = Number(req.path.split('/').pop());
      fields = fields.map((f) => (f.id === id ? { ...f, ...(req.body as object) } : f));
      return { body: fields.find((f) => f.id === id) };
    },
  });
}

const field = (id: number, label: string, position: number): ContactField => ({ id, key: label.toLowerCase(), label, type: 'text', options: [], required: false, position });

describe('contact fields settings', () => {
  it('defines a select field: key from the label, options required', async () => {
    const api = server([field(1, 'Ciudad', 0)]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ContactFieldsSettings />);
    await screen.findByTestId('contact-field-row');
    await user.click(screen.getByRole('button', { name: 'Nuevo campo' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nombre visible/), 'Tipo de documento');
    expect((within(dialog).getByLabelText(/^Clave/) as HTMLInputElement).value).toBe('tipo_de_documento');
    await user.click(within(dialog).getByLabelText(/^Tipo/));
    await user.click(await screen.findByRole('option', { name: 'Lista de opciones', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Añade al menos una opción')).toBeTruthy();
    expect(api.writes()).toEqual([]);

    const options = within(dialog).getByLabelText(/^Opciones/);
    await user.type(options, 'Cédula{enter}Pasaporte{enter}');
    await user.click(within(dialog).getByRole('checkbox', { name: /Obligatorio/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ key: 'tipo_de_documento', label: 'Tipo de documento', type: 'select', options: ['Cédula', 'Pasaporte'], required: true, position: 1 });
    await waitFor(() => expect(screen.getAllByTestId('contact-field-row')).toHaveLength(2));
  });

  it('moves a field up by renumbering positions', async () => {
    const api = server([field(1, 'Ciudad', 0), field(2, 'Plan', 1), field(3, 'Empresa', 2)]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ContactFieldsSettings />);
    await waitFor(() => expect(screen.getAllByTestId('contact-field-row')).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Subir Empresa' }));
    await waitFor(() => expect(screen.getAllByTestId('contact-field-row').map((r) => r.textContent?.includes('Empresa'))).toEqual([false, true, false]));
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/contact-fields/3', { position: 1 }],
      ['/contact-fields/2', { position: 2 }],
    ]);
  });

  it('renames a key (the server moves the values) and sends only what changed', async () => {
    const api = server([field(1, 'Ciudad', 0)]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ContactFieldsSettings />);
    const row = await screen.findByTestId('contact-field-row');
    await user.click(within(row).getByRole('button', { name: 'Editar' }));
    const dialog = await screen.findByRole('dialog');
    const label = within(dialog).getByLabelText(/^Nombre visible/);
    await user.clear(label);
    await user.type(label, 'Ciudad de envío');
    // Editing the label of an existing field leaves its key alone.
    const key = within(dialog).getByLabelText(/^Clave/) as HTMLInputElement;
    expect(key.value).toBe('ciudad');
    await user.clear(key);
    await user.type(key, 'ciudad_envio');
    expect(within(dialog).getByText(/mueve los valores guardados/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: '/contact-fields/1', body: { key: 'ciudad_envio', label: 'Ciudad de envío', options: [], required: false, position: 0 } });
    expect(api.writes()[0]!.body).not.toHaveProperty('type');
  });
});
