import './print-sheet.css';
import type { Column } from '../../modules/inbox/tsv';

export type SheetColumn<Row> = Column<Row> & { key: string };

/**
 * The table Print prints (seed 001: "un PDF con la tabla tal y como se la ve"): a title, a few lines
 * saying what it holds (filters, who printed it and when), then every row. Hidden on screen; the
 * print stylesheet shows only this (put `atiende-screen-only` on what else the page shows).
 */
export function PrintSheet<Row>({ title, lines, columns, rows, rowKey, testId }: {
  title: string;
  lines: string[];
  columns: SheetColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string | number;
  testId?: string;
}) {
  return (
    // Hidden from assistive technology too: on screen it does not exist; the page is what people read.
    <section className="atiende-print-sheet" data-testid={testId} aria-hidden="true">
      <p className="atiende-print-sheet-title">{title}</p>
      {lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
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
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => (
                <td key={c.key}>{c.value(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
