// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SnippetsSettings } from './snippets-settings';
import type { Snippet } from './snippets.api';
import { fakeApi, makeMe, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const snippet = (id: number, over: Partial<Snippet>): Snippet => ({
  id,
  shortcut: `s${id}`,
  title: '',
  body: 'Hola',
  scope: 'workspace',
  team: null,
  action: null,
  createdBy: { id: 1, name: 'Ana Pérez' },
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

function server(list: Snippet[]) {
  let items = [...list];
  return fakeApi({
    'GET /snippets': () => ({ body: { items } }),
    'GET /teams': () => ({ body: { items: [{ id: 7, name: 'Soporte', description: '', memberIds: [], members: [] }], nextCursor: null } }),
    'GET /contact-fields': () => ({ body: { items: [{ id: 1, key: 'ciudad', label: 'Ciudad', type: 'text', options: [], required: false, position: 0 }] } }),
    'POST /snippets': (req) => {
      const body = req.body as Snippet;
      if (items.some((s) => s.shortcut === body.shortcut && s.scope === body.scope)) return { status: 409, body: { error: { code: 'conflict', message: 'shortcut taken' } } };
      const created = snippet(50, { ...body, title: body.title || body.shortcut });
      items = [...items, created];
      return { status: 201, body: created };
    },
    'PATCH /snippets/:id': (req) => {
      const id = Number(req.path.split('/').pop());
      const changed = { ...items.find((s) => s.id === id)!, ...(req.body as Partial<Snippet>) };
      items = items.map((s) => (s.id === id ? changed : s));
      return { body: changed };
    },
  });
}

describe('snippets settings', () => {
  it('lets an admin write a workspace snippet with variables, custom fields included', async () => {
    const api = server([snippet(1, { shortcut: 'saludo', body: 'Hola {{contact.first_name}}' })]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SnippetsSettings />);
    await screen.findByText('/saludo');
    await user.click(screen.getByRole('button', { name: 'Nueva respuesta rápida' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Atajo/), 'Cierre');
    const body = within(dialog).getByLabelText(/^Texto/);
    await user.type(body, 'Gracias ');
    await user.click(within(dialog).getByRole('button', { name: 'Insertar la variable contact.first_name' }));
    await user.click(within(dialog).getByRole('button', { name: 'Insertar la variable contact.ciudad' }));
    expect((body as HTMLTextAreaElement).value).toBe('Gracias {{contact.first_name}}{{contact.ciudad}}');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ shortcut: 'cierre', title: '', body: 'Gracias {{contact.first_name}}{{contact.ciudad}}', scope: 'workspace' });
  });

  it('shares a snippet with a team: the team is asked for and sent', async () => {
    const api = server([]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SnippetsSettings />);
    await screen.findByTestId('team-snippets');
    await user.click(screen.getByRole('button', { name: 'Nueva respuesta rápida' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('Para un equipo'));
    await user.type(within(dialog).getByLabelText(/^Atajo/), 'investigando');
    await user.type(within(dialog).getByLabelText(/^Texto/), 'Seguimos investigando');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Elige el equipo que la comparte.')).toBeTruthy();
    await user.click(within(dialog).getByRole('combobox', { name: /^Equipo/ }));
    await user.click(await screen.findByRole('option', { name: 'Soporte', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ shortcut: 'investigando', title: '', body: 'Seguimos investigando', scope: 'team', teamId: 7 });
  });

  it('validates the shortcut and reports a taken one on its field', async () => {
    const api = server([snippet(1, { shortcut: 'saludo' })]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SnippetsSettings />);
    await screen.findByText('/saludo');
    await user.click(screen.getByRole('button', { name: 'Nueva respuesta rápida' }));
    const dialog = await screen.findByRole('dialog');
    const shortcut = within(dialog).getByLabelText(/^Atajo/);
    await user.type(shortcut, 'dos palabras');
    await user.type(within(dialog).getByLabelText(/^Texto/), 'Hola');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Una sola palabra: letras, números, -, _ o .')).toBeTruthy();
    expect(api.writes()).toEqual([]);
    await user.clear(shortcut);
    await user.type(shortcut, '/saludo');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Ya existe uno con este valor')).toBeTruthy();
    expect(api.writes()[0]!.body).toMatchObject({ shortcut: 'saludo' });
  });

  it('gives agents the workspace snippets to read and their own to manage', async () => {
    const api = server([snippet(1, { shortcut: 'saludo' }), snippet(2, { shortcut: 'mio', scope: 'personal' })]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SnippetsSettings />, { me: makeMe('agent', 5) });
    const workspace = await screen.findByTestId('workspace-snippets');
    expect(within(workspace).getByText('/saludo')).toBeTruthy();
    expect(within(workspace).queryByRole('button', { name: 'Editar' })).toBeNull();
    const personal = screen.getByTestId('personal-snippets');
    expect(within(personal).getByRole('button', { name: 'Editar' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Nueva respuesta rápida' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByText('Para todo el equipo')).toBeNull();
    await user.type(within(dialog).getByLabelText(/^Atajo/), 'precio');
    await user.type(within(dialog).getByLabelText(/^Texto/), 'El precio es…');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toMatchObject({ shortcut: 'precio', scope: 'personal' });
    await waitFor(() => expect(within(screen.getByTestId('personal-snippets')).getByText('/precio')).toBeTruthy());
  });

  it('creates a snippet that resumes the bot with the switch, and marks it in the list', async () => {
    const api = server([snippet(1, { shortcut: 'saludo' })]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SnippetsSettings />);
    await screen.findByText('/saludo');
    expect(screen.queryByText('reactiva el bot')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Nueva respuesta rápida' }));
    const dialog = await screen.findByRole('dialog');
    const resume = within(dialog).getByRole('switch', { name: /^Reactivar el bot al enviarlo/ }) as HTMLInputElement;
    expect(resume.checked).toBe(false);
    await user.type(within(dialog).getByLabelText(/^Atajo/), 'robot');
    await user.type(within(dialog).getByLabelText(/^Texto/), 'Le dejo con nuestro asistente.');
    await user.click(resume);
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({ shortcut: 'robot', title: '', body: 'Le dejo con nuestro asistente.', scope: 'workspace', action: 'resume_bot' });
    const row = (await screen.findByText('/robot')).closest('tr')!;
    expect(within(row as HTMLElement).getByText('reactiva el bot')).toBeTruthy();
  });

  it('shows the switch on for a snippet that resumes the bot, sends the action only when it changes', async () => {
    const api = server([snippet(1, { shortcut: 'robot', body: 'Le dejo con el asistente.', action: 'resume_bot' })]);
    const user = userEvent.setup({ delay: null });
    renderWithApp(<SnippetsSettings />);
    const row = (await screen.findByText('/robot')).closest('tr') as HTMLElement;
    expect(within(row).getByText('reactiva el bot')).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Editar' }));
    let dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByRole('switch', { name: /^Reactivar el bot al enviarlo/ }) as HTMLInputElement).checked).toBe(true);
    await user.type(within(dialog).getByLabelText(/^Texto/), ' Gracias.');
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: '/snippets/1' });
    expect(api.writes()[0]!.body).not.toHaveProperty('action');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(screen.getByText('/robot').closest('tr') as HTMLElement).getByRole('button', { name: 'Editar' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('switch', { name: /^Reactivar el bot al enviarlo/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]!.body).toMatchObject({ action: null });
    await waitFor(() => expect(screen.queryByText('reactiva el bot')).toBeNull());
  });
});
