export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** One cell: tabs and line breaks would split it across cells or rows in a spreadsheet, so they become spaces. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Rows as tab-separated text with a header row: pasted into a spreadsheet it becomes a table (seed 001's Copy). */
export function toTsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join('\t')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join('\t'));
  return lines.join('\n') + '\n';
}

/** Copies text to the clipboard; where the Clipboard API is missing or refused, through a hidden textarea. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Not allowed (no user gesture, insecure context): fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
