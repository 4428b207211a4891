import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './export-conversations.js';

describe('csvCell', () => {
  it.each([
    ['plain', ',', 'plain'],
    ['Núñez, José', ',', '"Núñez, José"'],
    ['Núñez, José', ';', 'Núñez, José'],
    ['dijo "hola"', ',', '"dijo ""hola"""'],
    ['dos\nlíneas', ';', '"dos\nlíneas"'],
    ['=SUM(A1:A2)', ',', "'=SUM(A1:A2)"],
    ['@cmd', ',', "'@cmd"],
    ['-2+3+cmd|\' /C calc\'!A0', ';', "'-2+3+cmd|' /C calc'!A0"],
    ['+51 987 654 321', ',', '+51 987 654 321'],
    ['-12,5', ';', '-12,5'],
    ['=HYPERLINK("http://x", "y")', ',', `"'=HYPERLINK(""http://x"", ""y"")"`],
  ])('%j with %j → %j', (value, delimiter, expected) => {
    expect(csvCell(value, delimiter)).toBe(expected);
  });

  it('writes numbers as given, nothing for null, and ends lines with CRLF', () => {
    expect(csvCell(-3, ',')).toBe('-3');
    expect(csvLine([1, null, undefined, 'a'], ';')).toBe('1;;;a\r\n');
  });
});
