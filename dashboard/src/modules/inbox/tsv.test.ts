import { describe, expect, it } from 'vitest';
import { toTsv } from './tsv';

interface Row {
  id: number;
  name: string;
  note: string | null;
}
const columns = [
  { header: 'ID', value: (r: Row) => r.id },
  { header: 'Nombre', value: (r: Row) => r.name },
  { header: 'Nota', value: (r: Row) => r.note },
];

describe('toTsv', () => {
  it('writes a header row and one line per row, cells separated by tabs', () => {
    const text = toTsv(
      [
        { id: 1, name: 'Luis Gómez', note: 'pide lentes' },
        { id: 2, name: 'Ana', note: null },
      ],
      columns,
    );
    expect(text).toBe('ID\tNombre\tNota\n1\tLuis Gómez\tpide lentes\n2\tAna\t\n');
    expect(text.split('\n').filter(Boolean).map((line) => line.split('\t').length)).toEqual([3, 3, 3]);
  });

  it('keeps every row on one line and every cell in its column, whatever the text holds', () => {
    const text = toTsv([{ id: 3, name: 'Ana\tMaría', note: 'línea 1\r\nlínea 2\n\n  fin  ' }], columns);
    expect(text).toBe('ID\tNombre\tNota\n3\tAna María\tlínea 1 línea 2 fin\n');
  });

  it('leaves markup as plain text', () => {
    expect(toTsv([{ id: 4, name: '<i>Luis</i>', note: '<img src=x>' }], columns)).toContain('<i>Luis</i>\t<img src=x>');
  });

  it('with no rows, copies the header only', () => {
    expect(toTsv([], columns)).toBe('ID\tNombre\tNota\n');
  });
});
