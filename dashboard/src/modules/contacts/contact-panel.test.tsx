// @vitest-environment happy-dom
import '../../i18n/i18n';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { i18n } from '../../i18n/i18n';
import { ContactPanel } from './contact-panel';
import { parseFieldInput, type ContactDetail } from './contacts.api';

const fields = [
  { id: 1, key: 'ciudad', label: 'Ciudad', type: 'text', options: [], required: true, position: 0 },
  { id: 2, key: 'hijos', label: 'Hijos', type: 'number', options: [], required: false, position: 1 },
  { id: 3, key: 'cumple', label: 'Cumpleaños', type: 'date', options: [], required: false, position: 2 },
  { id: 4, key: 'vip', label: 'VIP', type: 'checkbox', options: [], required: false, position: 3 },
];

function fakeApi(initial: ContactDetail) {
  let contact = initial;
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, body });
    const { identities, ...plain } = contact;
    switch (`${method} ${url.pathname}`) {
      case 'GET /api/v1/contacts/7':
        return json(200, contact);
      case 'GET /api/v1/contact-fields':
        return json(200, { items: fields });
      case 'GET /api/v1/tags':
        return json(200, { items: [{ id: 1, name: 'mayorista', color: '#1c7ed6', createdAt: '2030-01-01T00:00:00Z' }], nextCursor: null });
      case 'GET /api/v1/conversations':
        return json(200, { items: [], nextCursor: null });
      case 'PATCH /api/v1/contacts/7': {
        const { customFields, ...rest } = body as { customFields?: Record<string, unknown> };
        const merged = { ...contact.customFields, ...(customFields ?? {}) } as Record<string, string | number | boolean>;
        for (const [k, v] of Object.entries(customFields ?? {})) if (v === null) delete merged[k];
        contact = { ...contact, ...rest, customFields: merged, identities };
        const { identities: _, ...saved } = contact;
        return json(200, saved);
      }
      case 'POST /api/v1/contacts/7/tags':
        contact = { ...contact, tags: [...contact.tags, ...(body as { tags: string[] }).tags] };
        return json(200, { ...plain, tags: contact.tags });
    }
    return json(404, { error: { code: 'not_found', message: 'no fake' } });
  });
  return { fetch, calls, patches: () => calls.filter((c) => c.method === 'PATCH').map((c) => c.body) };
}

const unknownNumber: ContactDetail = {
  id: 7,
  name: '+584121234567',
  phone: '+584121234567',
  email: null,
  documentNumber: null,
  language: null,
  customFields: { ciudad: 'Caracas' },
  tags: [],
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
  identities: [{ id: 1, channelId: 3, channelType: 'whatsapp', externalId: '584121234567', createdAt: '2030-01-01T00:00:00Z' }],
};

let api: ReturnType<typeof fakeApi>;

function renderPanel(contact = unknownNumber) {
  api = fakeApi(contact);
  vi.stubGlobal('fetch', api.fetch);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '*', element: <ContactPanel contactId={7} conversationId={41} onClose={() => {}} /> }]);
  render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

beforeEach(async () => {
  await i18n.changeLanguage('es');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ContactPanel', () => {
  it('names an unknown number with "add to contacts"', async () => {
    const user = userEvent.setup();
    renderPanel();
    const form = await screen.findByTestId('add-to-contacts');
    expect(form.textContent).toContain('+584121234567 todavía no es un contacto');
    await user.type(within(form).getByLabelText(/Nombre/), 'Carla Rivas');
    await user.click(within(form).getByRole('button', { name: 'Guardar contacto' }));
    await waitFor(() => expect(api.patches()).toEqual([{ name: 'Carla Rivas' }]));
    await waitFor(() => expect(screen.queryByTestId('add-to-contacts')).toBeNull());
    expect(screen.getByTestId('contact-name').textContent).toContain('Carla Rivas');
    // The channels the contact writes from.
    expect(screen.getByText('584121234567')).toBeTruthy();
  });

  it('edits a detail in place, refusing an invalid e-mail before saving', async () => {
    const user = userEvent.setup();
    renderPanel({ ...unknownNumber, name: 'Carla' });
    await user.click(await screen.findByRole('button', { name: 'Editar Correo electrónico' }));
    const input = screen.getByRole('textbox', { name: 'Correo electrónico' });
    await user.type(input, 'carla@{Enter}');
    expect(screen.getByText('Escribe un correo electrónico válido')).toBeTruthy();
    expect(api.patches()).toEqual([]);
    await user.type(input, 'x.io{Enter}');
    await waitFor(() => expect(api.patches()).toEqual([{ email: 'carla@x.io' }]));
    await waitFor(() => expect(screen.getByTestId('contact-email').textContent).toContain('carla@x.io'));
  });

  it('Escape cancels an edit without saving', async () => {
    const user = userEvent.setup();
    renderPanel({ ...unknownNumber, name: 'Carla' });
    await user.click(await screen.findByRole('button', { name: 'Editar Número de documento' }));
    await user.type(screen.getByRole('textbox', { name: 'Número de documento' }), 'V-123{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Número de documento' })).toBeNull();
    expect(api.patches()).toEqual([]);
  });

  it('renders custom fields by type and saves them typed', async () => {
    const user = userEvent.setup();
    renderPanel({ ...unknownNumber, name: 'Carla' });
    const city = await screen.findByTestId('custom-field-ciudad');
    await waitFor(() => expect(city.textContent).toContain('Ciudad*'));
    expect(city.textContent).toContain('Caracas');

    await user.click(screen.getByRole('button', { name: 'Editar Hijos' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Hijos' }), '2{Enter}');
    await waitFor(() => expect(api.patches()).toEqual([{ customFields: { hijos: 2 } }]));

    await user.click(within(screen.getByTestId('custom-field-vip')).getByRole('checkbox'));
    await waitFor(() => expect(api.patches()).toEqual([{ customFields: { hijos: 2 } }, { customFields: { vip: true } }]));

    // A required field cannot be emptied.
    await user.click(screen.getByRole('button', { name: 'Editar Ciudad' }));
    await user.clear(screen.getByRole('textbox', { name: 'Ciudad' }));
    await user.keyboard('{Enter}');
    expect(within(screen.getByTestId('custom-field-ciudad')).getByText('Este campo es obligatorio')).toBeTruthy();
    expect(api.patches()).toHaveLength(2);
  });

  it('adds a tag from the suggestions', async () => {
    const user = userEvent.setup();
    renderPanel({ ...unknownNumber, name: 'Carla' });
    await user.click(await screen.findByRole('button', { name: 'Agregar etiqueta' }));
    await user.type(screen.getByRole('textbox', { name: 'Agregar etiqueta', hidden: true }), 'mayo{Enter}');
    await waitFor(() => expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ tags: ['mayorista'] }));
  });
});

describe('parseFieldInput', () => {
  it('types what was typed, empty removes, nonsense is refused', () => {
    expect(parseFieldInput('number', '3,5')).toBe(3.5);
    expect(parseFieldInput('number', 'tres')).toBeUndefined();
    expect(parseFieldInput('date', '2030-02-01')).toBe('2030-02-01');
    expect(parseFieldInput('date', '01/02/2030')).toBeUndefined();
    expect(parseFieldInput('text', '  hola ')).toBe('hola');
    expect(parseFieldInput('text', '   ')).toBeNull();
  });
});
