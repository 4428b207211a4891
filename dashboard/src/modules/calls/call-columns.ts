import type { TFunction } from 'i18next';
import type { Column } from '../inbox/tsv';
import type { Call } from './calls.api';

export const formatDuration = (s: number | null) => (s == null ? '' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** The calls table's columns: the screen, Copy (TSV) and Print use the same ones. */
export function callColumns(t: TFunction, language: string): Array<Column<Call> & { key: string }> {
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  return [
    { key: 'id', header: t('calls.columns.id'), value: (c) => c.callId },
    { key: 'date', header: t('calls.columns.date'), value: (c) => date.format(new Date(c.startedAt)) },
    { key: 'from', header: t('calls.columns.from'), value: (c) => c.from },
    { key: 'contact', header: t('calls.columns.contact'), value: (c) => c.contact?.name ?? '' },
    { key: 'reason', header: t('calls.columns.reason'), value: (c) => c.reason ?? '' },
    { key: 'city', header: t('calls.columns.city'), value: (c) => c.city ?? '' },
    { key: 'status', header: t('calls.columns.status'), value: (c) => t(`calls.status.${c.status}`) },
    { key: 'duration', header: t('calls.columns.duration'), value: (c) => formatDuration(c.durationSeconds) },
    { key: 'outcome', header: t('calls.columns.outcome'), value: (c) => c.outcome ?? '' },
  ];
}
