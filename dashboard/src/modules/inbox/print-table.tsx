import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from './conversations.api';
import { exportColumns } from './inbox-export';

/**
 * The table Print prints (seed 001: "un PDF con la tabla tal y como se la ve"): every loaded row with
 * the list's columns, fully expanded. Hidden on screen; the print stylesheet shows only this.
 */
export const PrintTable = memo(function PrintTable({ rows, filters, userName, now }: { rows: Conversation[]; filters: string[]; userName: string; now: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  const columns = exportColumns(t, language, now).filter((c) => c.print);
  const generated = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(now));
  return (
    // Hidden from assistive technology too: on screen it does not exist; the list is what people read.
    <section className="atiende-inbox-print" data-testid="inbox-print-table" aria-hidden="true">
      <p className="atiende-inbox-print-title">{t('inbox.print.title')}</p>
      <p>{t('inbox.print.filters', { filters: filters.join(' · ') })}</p>
      <p>
        {t('inbox.print.generated', { date: generated, name: userName })} · {t('inbox.print.rows', { count: rows.length })}
      </p>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => (
                <td key={c.key}>{c.value(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
