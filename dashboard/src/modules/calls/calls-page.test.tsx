// @vitest-environment happy-dom
import '../../i18n/i18n';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18n } from '../../i18n/i18n';
import type { Call } from './calls.api';
import { CallsPage } from './calls-page';


const call = (id: number, over: Partial<Call> = {}): Call => ({
  id, callId: `pbx-${id}`, status: 'open', from: `+54935155500${id}`, to: '+548005551234',
  startedAt: '2026-03-02T13:00:00.000Z', endedAt: '2026-03-02T13:03:30.000Z', durationSeconds: 210,
  ivrPath: [
    { menu: 'Principal', prompt: 'Para soporte marque 2', choice: '2', at: '2026-03-02T13:00:10.000Z' },
    { menu: 'Soporte', prompt: null, choice: '1', at: '2026-03-02T13:00:40.000Z' },
  ],
  transcript: 'Cliente: no tengo\tinternet', reason: 'Sin internet', city: 'Córdoba', recordingUrl: 'https://pbx.example.com/1.mp3', outcome: 'derivada',
  contact: { id: 9, name: `Marta ${id}`, phone: null, documentNumber: null }, closedBy: null, closedAt: null, closingNote: null,
  createdAt: '2026-03-02T13:04:00.000Z', updatedAt: '2026-03-02T13:04:00.000Z', ...over,
});

let requests: Array<{ url: URL; method: string; body: unknown }>;
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

beforeEach(async () => {
  await i18n.changeLanguage('es');
  requests = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, 'http://localhost');
    requests.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url.pathname === '/api/v1/calls/reasons') return json({ items: [{ reason: 'Contratar fibra', count: 4 }, { reason: 'Sin internet', count: 2 }], total: 6 });
    if (url.pathname === '/api/v1/calls/1/close') return json({ call: call(1, { status: 'closed' }) });
    if (url.pathname === '/api/v1/calls') return json({ items: [call(1), call(2, { reason: 'Contratar fibra' })], nextCursor: null });
    return new Response('{}', { status: 404 });
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider env="test">
      <Notifications />
      <QueryClientProvider client={client}><CallsPage /></QueryClientProvider>
    </MantineProvider>,
  );
}

it('lists open calls by default and copies the table as TSV', async () => {
  const writeText = vi.fn(async () => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  renderPage();
  const table = await screen.findByTestId('calls-table');
  await within(table).findByText('Marta 1');
  expect(requests[0].url.searchParams.get('status')).toBe('open');
  await userEvent.click(screen.getByRole('button', { name: 'Copiar' }));
  await waitFor(() => expect(writeText).toHaveBeenCalled());
  const lines = (writeText.mock.calls[0] as unknown as [string])[0].trim().split('\n');
  expect(lines[0].split('\t')).toEqual(['ID', 'Fecha', 'Número', 'Cliente', 'Motivo', 'Ciudad', 'Estado', 'Duración', 'Resultado']);
  expect(lines[1]).toContain('pbx-1\t');
  expect(lines[1]).toContain('\tAbierta\t3:30\tderivada');
});

it('applies the filters only when Filtrar is pressed, keeping the default open status', async () => {
  renderPage();
  await screen.findByText('Marta 1');
  await userEvent.type(screen.getByLabelText('Buscar'), 'Marta');
  await userEvent.type(screen.getByLabelText('Ciudad'), 'Córdoba');
  await userEvent.click(screen.getByRole('button', { name: 'Filtrar' }));
  await waitFor(() => expect(requests.at(-1)!.url.searchParams.get('q')).toBe('Marta'));
  expect(requests.at(-1)!.url.searchParams.get('city')).toBe('Córdoba');
  expect(requests.at(-1)!.url.searchParams.get('status')).toBe('open');
});

it('shows the IVR flow step by step, the transcript and the recording, and closes with a note', async () => {
  renderPage();
  await userEvent.click(await screen.findByRole('button', { name: 'Ver pbx-1' }));
  const flow = await screen.findByTestId('ivr-flow');
  const text = flow.textContent ?? '';
  expect(text.indexOf('Principal')).toBeLessThan(text.indexOf('Soporte'));
  expect(text).toContain('Eligió: 2');
  expect(screen.getByText(/no tengo/)).toBeTruthy();
  expect(screen.getByTestId('call-recording').getAttribute('src')).toBe('https://pbx.example.com/1.mp3');
  await userEvent.type(screen.getByLabelText('Nota de cierre'), 'Se reinició el módem');
  await userEvent.click(screen.getByRole('button', { name: 'Cerrar' }));
  await waitFor(() => expect(requests.some((r) => r.url.pathname === '/api/v1/calls/1/close')).toBe(true));
  expect(requests.find((r) => r.url.pathname === '/api/v1/calls/1/close')).toMatchObject({ method: 'POST', body: { note: 'Se reinició el módem' } });
});

it('counts sales calls by reason and a reason opens the list filtered by it', async () => {
  renderPage();
  await userEvent.click(await screen.findByRole('tab', { name: 'Llamadas ventas por motivo' }));
  const byReason = await screen.findByTestId('calls-by-reason');
  await within(byReason).findByText('Total: 6');
  await userEvent.click(within(byReason).getByRole('button', { name: 'Contratar fibra' }));
  await waitFor(() => expect(requests.at(-1)!.url.searchParams.get('reason')).toBe('Contratar fibra'));
  await screen.findByTestId('calls-table');
});
