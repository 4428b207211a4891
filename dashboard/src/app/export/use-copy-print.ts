import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { copyText } from '../../modules/inbox/tsv';

/** What Copy and Print need from a paged list (a TanStack infinite query fits). */
export interface PagedList<Data> {
  data: Data | undefined;
  hasNextPage: boolean;
  fetchNextPage: () => Promise<{ data?: Data; hasNextPage: boolean; isError: boolean }>;
}

export interface CopyPrintOptions<Data, Row> {
  list: PagedList<Data>;
  /** The loaded rows, in order. */
  rowsOf: (data: Data | undefined) => Row[];
  maxRows: number;
  /** The text Copy puts on the clipboard (tab-separated, see `toTsv`). */
  toText: (rows: Row[]) => string;
  messages: { copied: (rows: Row[]) => string; copyFailed: string; truncated: string };
}

/**
 * Copy and Print (seed 001) over a paged list: both first load the remaining pages (up to `maxRows`),
 * so they take the whole result, not only what has scrolled into view. Print lets the page's print-only
 * sheet render the rows just loaded, then opens the browser's print dialog; `printedAt` is its stamp.
 */
export function useCopyPrint<Data, Row>({ list, rowsOf, maxRows, toText, messages }: CopyPrintOptions<Data, Row>) {
  const [exporting, setExporting] = useState<'copy' | 'print' | null>(null);
  const [printedAt, setPrintedAt] = useState(() => Date.now());

  const loadAll = async () => {
    let data = list.data;
    let more = list.hasNextPage;
    while (more && rowsOf(data).length < maxRows) {
      const result = await list.fetchNextPage();
      if (result.isError) break;
      data = result.data;
      more = result.hasNextPage;
    }
    const rows = rowsOf(data);
    if (more || rows.length > maxRows) notifications.show({ color: 'yellow', message: messages.truncated });
    return rows.slice(0, maxRows);
  };

  const copy = async () => {
    setExporting('copy');
    try {
      const rows = await loadAll();
      const ok = await copyText(toText(rows));
      notifications.show(ok ? { color: 'teal', message: messages.copied(rows) } : { color: 'red', message: messages.copyFailed });
    } finally {
      setExporting(null);
    }
  };

  const print = async () => {
    setExporting('print');
    try {
      await loadAll();
      setPrintedAt(Date.now());
      // Let the sheet render the rows just loaded before the print dialog takes its snapshot.
      await new Promise((resolve) => setTimeout(resolve, 50));
      window.print();
    } finally {
      setExporting(null);
    }
  };

  return { exporting, printedAt, copy, print };
}
