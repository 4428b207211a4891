// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClosingCategoriesSettings } from './closing-categories-settings';
import { TagsSettings } from './tags-settings';
import { TeamsSettings } from './teams-settings';
import { fakeApi, renderWithApp } from './test-kit';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('tags settings', () => {
  it('creates a tag with a colour, and says when the name is taken', async () => {
    const tags = [{ id: 1, name: 'vip', color: '#1c7ed6', createdAt: '' }];
    const api = fakeApi({
      'GET /tags': () => ({ body: { items: tags, nextCursor: null } }),
      'POST /tags': (req) => {
        const body = req.body as { name: string; color: string };
        if (tags.some((t) => t.name === body.name)) return { status: 409, body: { error: { code: 'conflict', message: 'exists' } } };
        tags.push({ id: 2, ...body, createdAt: '' });
        return { status: 201, body: { tag: tags.at(-1) } };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TagsSettings />);
    await screen.findByTestId('tag-row');
    await user.click(screen.getByRole('button', { name: 'Nueva etiqueta' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText(/^Nombre/);
    await user.type(name, 'vip');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    expect(await within(dialog).findByText('Ya existe uno con este valor')).toBeTruthy();
    await user.clear(name);
    await user.type(name, 'reclamo');
    const color = within(dialog).getByLabelText(/^Color/);
    await user.clear(color);
    await user.type(color, '#fa5252');
    await user.click(within(dialog).getByRole('button', { name: 'Crear' }));
    await waitFor(() => expect(screen.getAllByTestId('tag-row')).toHaveLength(2));
    expect(api.writes().map((r) => r.body)).toEqual([
      { name: 'vip', color: '#1c7ed6' },
      { name: 'reclamo', color: '#fa5252' },
    ]);
  });
});

describe('closing categories settings', () => {
  it('renames and deletes a category', async () => {
    let categories = [{ id: 4, name: 'Resuelto', createdAt: '' }];
    const api = fakeApi({
      'GET /closing-categories': () => ({ body: { items: categories, nextCursor: null } }),
      'PATCH /closing-categories/:id': (req) => {
        categories = categories.map((c) => ({ ...c, ...(req.body as object) }));
        return { body: { closingCategory: categories[0] } };
      },
      'DELETE /closing-categories/:id': () => {
        categories = [];
        return { body: { id: 4, deleted: true } };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ClosingCategoriesSettings />);
    const row = await screen.findByTestId('closing-category-row');
    await user.click(within(row).getByRole('button', { name: 'Editar' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText(/^Nombre/);
    await user.clear(name);
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    expect(await within(dialog).findByText('Este campo es obligatorio')).toBeTruthy();
    await user.type(name, 'Resuelto en el primer contacto');
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(screen.getByTestId('closing-category-row').textContent).toContain('Resuelto en el primer contacto'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(screen.getByTestId('closing-category-row')).getByRole('button', { name: 'Eliminar' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Eliminar' }));
    await waitFor(() => expect(screen.queryByTestId('closing-category-row')).toBeNull());
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /closing-categories/4', 'DELETE /closing-categories/4']);
  });
});

describe('teams settings', () => {
  it('sets the members of a team, and explains why a team with conversations cannot go', async () => {
    let team = { id: 10, name: 'Ventas', description: 'Ventas Caracas', memberIds: [1], createdAt: '' };
    const person = (id: number, name: string) => ({ id, name, email: `${id}@x.example`, avatarUrl: null, language: 'es', role: 'agent', accessLevel: 'all', active: true, teamIds: [], joinedAt: '' });
    const api = fakeApi({
      'GET /teams': () => ({ body: { items: [team], nextCursor: null } }),
      'GET /users': () => ({ body: { items: [person(1, 'Ana Pérez'), person(2, 'Bruno Díaz')], nextCursor: null } }),
      'PUT /teams/:id/members': (req) => {
        team = { ...team, memberIds: (req.body as { userIds: number[] }).userIds };
        return { body: { team } };
      },
      'DELETE /teams/:id': () => ({ status: 409, body: { error: { code: 'conflict', message: 'in use' } } }),
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TeamsSettings />);
    const row = await screen.findByTestId('team-row');
    expect(row.textContent).toContain('1 miembro');
    await user.click(within(row).getByRole('button', { name: 'Miembros' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getAllByLabelText(/^Miembros/)[0]!);
    await user.click(await screen.findByRole('option', { name: 'Bruno Díaz', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(screen.getByTestId('team-row').textContent).toContain('2 miembros'));
    expect(api.writes()[0]).toMatchObject({ method: 'PUT', path: '/teams/10/members', body: { userIds: [1, 2] } });

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(within(screen.getByTestId('team-row')).getByRole('button', { name: 'Eliminar' }));
    const confirm = await screen.findByRole('dialog');
    await user.click(within(confirm).getByRole('button', { name: 'Eliminar' }));
    expect(await within(confirm).findByText(/tiene conversaciones/)).toBeTruthy();
  });
});
