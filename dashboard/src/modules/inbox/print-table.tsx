import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintSheet } from '../../app/export/print-sheet';
import type { Conversation } from './conversations.api';
import { exportColumns } from './inbox-export';

/** The inbox's printed table: every loaded row with the list's columns, fully expanded. */
export const PrintTable = memo(function PrintTable({ rows, filters, userName, now }: { rows: Conversation[]; filters: string[]; userName: string; now: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  const generated = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(now));
  return (
    <PrintSheet
      title={t('inbox.print.title')}
      lines={[t('inbox.print.filters', { filters: filters.join(' · ') }), `${t('inbox.print.generated', { date: generated, name: userName })} · ${t('inbox.print.rows', { count: rows.length })}`]}
      columns={exportColumns(t, language, now).filter((c) => c.print)}
      rows={rows}
      rowKey={(row) => row.id}
      testId="inbox-print-table"
    />
  );
});
