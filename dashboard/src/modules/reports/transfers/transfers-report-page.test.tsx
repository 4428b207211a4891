// @vitest-environment happy-dom
import '../../../i18n/i18n';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { meKey, type Me } from '../../../app/auth';
import { i18n } from '../../../i18n/i18n';
import { ConversationTransfers } from './conversation-transfers';
import { TransfersReportPage } from './transfers-report-page';
import type { Transfer, TransfersReportItem } from './transfers.api';


const supervisor: Me = {
  user: { id: 7, name: 'Sofía Rivas', email: 'sofia@optica.example', language: 'es' },
  workspace: { id: 1, name: 'Óptica Caracas', timezone: 'America/Caracas', language: 'es' },
  role: 'supervisor',
  accessLevel: 'all',
  teamIds: [],
  workspaces: [{ id: 1, name: 'Óptica Caracas' }],
};

const soporte = { id: 2, name: 'Soporte' };
const ventas = { id: 3, name: 'Ventas' };
const ana = { id: 11, name: 'Ana' };
const beto = { id: 12, name: 'Beto' };

const transfer = (id: number, conversationId: number, over: Partial<Transfer> = {}): Transfer => ({
  id,
  conversationId,
  from: { team: soporte, agent: ana },
  to: { team: ventas, agent: null },
  by: { type: 'user', user: { id: 7, name: 'Sofía Rivas' } },
  reason: 'Es una venta',
  at: '2026-03-02T14:30:00.000Z',
  ...over,
});
const item = (id: number, name: string, transfers: Transfer[]): TransfersReportItem => ({
  conversation: { id, status: 'queued', contact: { id: 100 + id, name, phone: null }, channel: { id: 4, type: 'whatsapp', name: 'WhatsApp Ventas' }, team: ventas, assignee: null, lastTransferAt: transfers.at(-1)!.at },
  transfers,
});

const pages: Record<string, { items: TransfersReportItem[]; nextCursor: string | null }> = {
  first: {
    items: [
      item(21, 'Luis Gómez', [transfer(1, 21), transfer(2, 21, { from: { team: ventas, agent: null }, to: { team: soporte, agent: beto }, by: { type: 'api', user: null }, reason: null })]),
      item(22, 'Marta Quintero', [transfer(3, 22, { from: { team: soporte, agent: ana }, to: { team: soporte, agent: beto }, reason: 'Cambio\tde turno' })]),
    ],
    nextCursor: 'page-2',
  },
  'page-2': { items: [item(23, 'Rosa Díaz', [transfer(4, 23)])], nextCursor: null },
};

let requests: URL[];
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
let reportStatus = 200;

beforeEach(async () => {
  await i18n.changeLanguage('es');
  requests = [];
  reportStatus = 200;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://localhost');
      requests.push(url);
      if (url.pathname === '/api/v1/reports/transfers') {
        if (reportStatus !== 200) return json({ error: { code: 'forbidden', message: 'no' } }, reportStatus);
        return json(pages[url.searchParams.get('cursor') ?? 'first']);
      }
      if (url.pathname === '/api/v1/teams') return json({ items: [{ ...soporte, memberIds: [] }, { ...ventas, memberIds: [] }], nextCursor: null });
      if (url.pathname === '/api/v1/channels') return json({ items: [{ id: 4, type: 'whatsapp', name: 'WhatsApp Ventas', active: true }], nextCursor: null });
      if (url.pathname === '/api/v1/users') return json({ items: [ana, beto].map((u) => ({ ...u, email: `${u.id}@x.example`, avatarUrl: null, active: true, teamIds: [] })), nextCursor: null });
      if (url.pathname === '/api/v1/conversations/21/transfers') return json({ items: pages.first.items[0]!.transfers });
      if (url.pathname === '/api/v1/conversations/30/transfers') return json({ items: [] });
      return json({ error: { code: 'not_found', message: 'not found' } }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderAt(path: string, me: Me = supervisor, element = <TransfersReportPage />) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(meKey, me);
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  render(
    <MantineProvider env="test">
      <Notifications />
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

const reportRequests = () => requests.filter((u) => u.pathname === '/api/v1/reports/transfers');
const localMidnight = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

describe('transfers report', () => {
  it('lists the transferred conversations with their transfers nested, for the last seven days by default', async () => {
    renderAt('/reports/transfers');
    const rows = await screen.findAllByTestId('transfers-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Luis Gómez');
    const lines = within(rows[0]!).getAllByTestId('transfer-line').map((l) => l.textContent);
    expect(lines[0]).toContain('Soporte · Ana → Ventas');
    expect(lines[0]).toContain('por Sofía Rivas · «Es una venta»');
    expect(lines[1]).toContain('Ventas → Soporte · Beto');
    expect(lines[1]).toContain('por Integración (API)');
    expect(within(rows[0]!).getByRole('link', { name: 'Abrir la conversación 21' }).getAttribute('href')).toBe('/conversations/21');

    const today = new Date();
    const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
    const query = reportRequests()[0]!.searchParams;
    expect(query.get('from')).toBe(weekAgo.toISOString());
    expect(query.get('to')).toBe(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).toISOString());
  });

  it('sends the filters in the URL and searches by customer name', async () => {
    const router = renderAt('/reports/transfers?from=2026-03-01&to=2026-03-05&teamId=3&channelId=4&assigneeId=11&status=closed,open');
    await screen.findAllByTestId('transfers-row');
    const query = reportRequests()[0]!.searchParams;
    expect(Object.fromEntries(query)).toEqual({
      from: localMidnight(2026, 3, 1),
      to: localMidnight(2026, 3, 6),
      teamId: '3',
      channelId: '4',
      assigneeId: '11',
      status: 'open,closed',
      limit: '50',
    });
    await userEvent.type(screen.getByLabelText('Cliente'), 'luis{Enter}');
    await waitFor(() => expect(reportRequests().at(-1)!.searchParams.get('q')).toBe('luis'));
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('luis');
  });

  it('copies one tab-separated line per transfer, loading the remaining pages first', async () => {
    renderAt('/reports/transfers?from=2026-03-01&to=2026-03-05');
    await screen.findAllByTestId('transfers-row');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Copiar' }));
    expect(await screen.findByText('4 transferencias copiadas')).toBeTruthy();
    const lines = (await navigator.clipboard.readText()).trimEnd().split('\n').map((l) => l.split('\t'));
    expect(lines[0]).toEqual(['Conversación', 'Cliente', 'Canal', 'Estado', 'Equipo actual', 'Agente actual', 'Fecha', 'Equipo de origen', 'Agente de origen', 'Equipo de destino', 'Agente de destino', 'Transferida por', 'Motivo']);
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => l[0])).toEqual(['Conversación', '21', '21', '22', '23']);
    expect(lines[1]!.slice(7)).toEqual(['Soporte', 'Ana', 'Ventas', '', 'Sofía Rivas', 'Es una venta']);
    expect(lines[2]!.slice(11)).toEqual(['Integración (API)', '']);
    expect(lines[3]!.at(-1)).toBe('Cambio de turno');
    expect(lines[1]![3]).toBe('En cola');
    expect(reportRequests().map((u) => u.searchParams.get('cursor'))).toEqual([null, 'page-2']);
  });

  it('prints a sheet with every transfer and the filters in words', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderAt('/reports/transfers?from=2026-03-01&to=2026-03-05&teamId=3');
    await screen.findAllByTestId('transfers-row');
    await waitFor(() => expect(requests.some((u) => u.pathname === '/api/v1/teams')).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Imprimir' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const sheet = screen.getByTestId('transfers-print-sheet');
    expect(sheet.querySelectorAll('tbody tr')).toHaveLength(4);
    expect(sheet.textContent).toContain('Desde: 2026-03-01 · Hasta: 2026-03-05 · Equipo: Ventas');
    expect(sheet.textContent).toContain('por Sofía Rivas · 4 transferencias');
  });

  it('tells agents the report is for supervisors, without asking the server', async () => {
    renderAt('/reports/transfers', { ...supervisor, role: 'agent' });
    expect(await screen.findByText('Solo supervisores y administradores pueden ver este reporte.')).toBeTruthy();
    expect(reportRequests()).toEqual([]);
  });

  it('says so when the server refuses', async () => {
    reportStatus = 403;
    renderAt('/reports/transfers');
    expect(await screen.findByText('Solo supervisores y administradores pueden ver este reporte.')).toBeTruthy();
  });
});

describe('conversation transfers', () => {
  it("lists a conversation's transfers, oldest first", async () => {
    renderAt('/', supervisor, <ConversationTransfers conversationId={21} />);
    const lines = await screen.findAllByTestId('transfer-line');
    expect(lines.map((l) => l.textContent)).toEqual([
      expect.stringContaining('Soporte · Ana → Ventas'),
      expect.stringContaining('Ventas → Soporte · Beto'),
    ]);
  });

  it('says when there are none', async () => {
    renderAt('/', supervisor, <ConversationTransfers conversationId={30} />);
    expect(await screen.findByText('Esta conversación no fue transferida.')).toBeTruthy();
  });
});
