import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Today's times as hours, older ones with their date, in the reader's language and local time. */
export function useFormatTime() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
    const dateTime = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const full = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return '';
      const now = new Date();
      if (date.toDateString() === now.toDateString()) return time.format(date);
      if (date.getFullYear() === now.getFullYear()) return dateTime.format(date);
      return full.format(date);
    };
  }, [language]);
}
