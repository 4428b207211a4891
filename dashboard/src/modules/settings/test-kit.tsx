import '../../i18n/i18n';
import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { meKey, type Me, type Role } from '../../app/auth';
import { i18n } from '../../i18n/i18n';

// Typing through user-event into Mantine forms takes seconds when the machine is busy: a slow run is not a failure.
vi.setConfig({ testTimeout: 30_000 });

// happy-dom has no FontFaceSet; Mantine's autosizing textarea listens to it.
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: Object.assign(new EventTarget(), { ready: Promise.resolve() }), configurable: true });
}

/**
 * Component-test support: the app's providers around a screen, and a fake of the HTTP API answering by
 * method and path (the server is faked, never our own code).
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export type FakeAnswer = { status?: number; body?: unknown } | undefined;
export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

/** Routes keyed `"GET /users"`; `:id` matches one path segment. Unknown routes answer 404. */
export function fakeApi(routes: Record<string, FakeHandler>) {
  const requests: FakeRequest[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const regex = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
    return { method, regex, handler };
  });
  const fetchFake = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    const request = { method, path, query: url.searchParams, body };
    requests.push(request);
    const route = table.find((r) => r.method === method && r.regex.test(path));
    const answer = route ? await route.handler(request) : { status: 404, body: { error: { code: 'not_found', message: `${method} ${path}` } } };
    const status = answer?.status ?? 200;
    return new Response(answer?.body === undefined ? null : JSON.stringify(answer.body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchFake);
  return {
    requests,
    /** Requests other than GETs: what the screen changed. */
    writes: () => requests.filter((r) => r.method !== 'GET'),
  };
}

export const validationError = (field: string) => ({
  status: 400,
  body: { error: { code: 'validation_failed', message: `Invalid ${field}`, details: [{ field, message: 'invalid' }] } },
});

export function makeMe(role: Role = 'admin', id = 1): Me {
  return {
    user: { id, name: 'Ana Pérez', email: 'ana@optica.example', language: 'es' },
    workspace: { id: 1, name: 'Óptica Caracas', timezone: 'America/Caracas', language: 'es' },
    role,
    accessLevel: 'all',
    teamIds: [],
    workspaces: [{ id: 1, name: 'Óptica Caracas' }],
  };
}

/** The app's providers (Mantine, notifications, TanStack Query with the signed-in person) around `ui`. */
export function renderWithProviders(ui: ReactNode, { me = makeMe() }: { me?: Me } = {}) {
  void i18n.changeLanguage('es');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
  queryClient.setQueryData(meKey, me);
  const result = render(
    <MantineProvider>
      <Notifications />
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, queryClient };
}

/** A screen inside the app's providers and a router at `path`. */
export function renderWithApp(ui: ReactNode, { me = makeMe(), path = '/' }: { me?: Me; path?: string } = {}) {
  return renderWithProviders(<MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>, { me });
}
