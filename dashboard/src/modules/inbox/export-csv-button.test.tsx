// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../settings/test-kit';
import { csvDelimiterFor, ExportCsvButton, exportCsvUrl } from './export-csv-button';
import { readFilters } from './inbox-filters';

const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Object.assign(URL, { createObjectURL: objectUrls.create, revokeObjectURL: objectUrls.revoke });
});

describe('csvDelimiterFor', () => {
  it.each([
    ['es-ES', 'semicolon'],
    ['es-CO', 'semicolon'],
    ['pt-BR', 'semicolon'],
    ['es-MX', 'comma'],
    ['en-US', 'comma'],
    ['not a locale!', 'comma'],
  ])('%s → %s', (locale, expected) => {
    expect(csvDelimiterFor(locale)).toBe(expected);
  });
});

describe('exportCsvUrl', () => {
  it("carries the inbox's filters as the list sends them, the language and the separator", () => {
    const filters = readFilters(new URLSearchParams('status=open,queued,closed&teamId=4&tag=vip&q=lentes&mentioned=me&from=2025-03-01&to=2025-03-31'));
    const url = new URL(exportCsvUrl(filters, 'es', 'es-ES'), 'http://x');
    expect(url.pathname).toBe('/api/v1/conversations/export.csv');
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ status: 'open,queued,closed', teamId: '4', tag: 'vip', q: 'lentes', mentioned: 'me', lang: 'es', delimiter: 'semicolon' });
    // Calendar days become the instants the list query uses (`to` inclusive).
    expect(new Date(q.from!).getDate()).toBe(1);
    expect(new Date(q.to!).getTime() - new Date(q.from!).getTime()).toBe(new Date(2025, 3, 1).getTime() - new Date(2025, 2, 1).getTime());
    expect(new URL(exportCsvUrl(readFilters(new URLSearchParams('status=all')), 'en-GB', 'en-US'), 'http://x').search).toBe('?lang=en&delimiter=comma');
  });
});

describe('ExportCsvButton', () => {
  it('downloads the file the server names, then reports a failure in words', async () => {
    const fetchFake = vi.fn(async () => new Response('\uFEFFID\r\n', { status: 200, headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="conversaciones-2025-03-05.csv"' } }));
    vi.stubGlobal('fetch', fetchFake);
    const createObjectURL = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ExportCsvButton filters={readFilters(new URLSearchParams('teamId=4'))} />);
    await user.click(screen.getByRole('button', { name: 'Exportar CSV' }));
    await waitFor(() => expect(clicked).toEqual(['conversaciones-2025-03-05.csv']));
    expect(String((fetchFake.mock.calls[0] as unknown[])[0])).toContain('/api/v1/conversations/export.csv?status=open%2Cqueued&teamId=4&lang=es');
    expect(createObjectURL).toHaveBeenCalledOnce();

    fetchFake.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429 }));
    await user.click(screen.getByRole('button', { name: 'Exportar CSV' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(clicked).toHaveLength(1);
  });
});
