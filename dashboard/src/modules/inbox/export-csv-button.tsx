import { useState } from 'react';
import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { type InboxFilters, toApiFilters } from './inbox-filters';

/** The server's cap on one export. */
export const CSV_MAX_ROWS = 50_000;

/**
 * Excel splits CSV on the list separator of the computer's region, which is `;` wherever the decimal mark is a
 * comma (most of Latin America and Spain): with commas there every row lands in one column.
 */
export function csvDelimiterFor(locale: string): 'comma' | 'semicolon' {
  try {
    return new Intl.NumberFormat(locale).format(1.5).includes(',') ? 'semicolon' : 'comma';
  } catch {
    return 'comma';
  }
}

/** GET /conversations/export.csv with the inbox's filters, in the reader's language and their spreadsheet's separator. */
export function exportCsvUrl(filters: InboxFilters, language: string, locale: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toApiFilters(filters))) if (value) params.set(key, value);
  params.set('lang', language.startsWith('en') ? 'en' : 'es');
  params.set('delimiter', csvDelimiterFor(locale));
  return `${API_BASE}/conversations/export.csv?${params}`;
}

const downloadIcon = (
  <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </svg>
);

/**
 * "Exportar CSV": downloads every conversation the inbox's filters match (not only the loaded pages), with the
 * team forms' values, as a file Excel opens with accents intact. Mounted in the inbox toolbar with the current filters.
 */
export function ExportCsvButton({ filters }: { filters: InboxFilters }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const response = await fetch(exportCsvUrl(filters, i18n.resolvedLanguage ?? 'es', navigator.language), { credentials: 'same-origin' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? response.statusText);
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'conversaciones.csv';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      notifications.show({ color: 'red', message: err instanceof ApiError ? errorMessage(t, err) : t('inbox.exportCsv.failed') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip label={t('inbox.exportCsv.hint', { max: new Intl.NumberFormat(i18n.resolvedLanguage ?? 'es').format(CSV_MAX_ROWS) })} multiline w={240}>
      <ActionIcon variant="default" size="md" aria-label={t('inbox.exportCsv.label')} onClick={() => void run()} loading={busy} data-testid="inbox-export-csv">
        {downloadIcon}
      </ActionIcon>
    </Tooltip>
  );
}
