import { describe, expect, it } from 'vitest';
import { chunks, classifyGraphError } from './messenger-platform-send.js';

const graph = (code: number, error_subcode?: number, message = 'x') => ({ message, type: 'OAuthException', code, ...(error_subcode ? { error_subcode } : {}) });

describe('Messenger Platform sends', () => {
  it('classifies Graph errors as Meta documents them', () => {
    const kind = (status: number, error?: object, headers?: Headers) => {
      const e = classifyGraphError(status, error as never, headers);
      return [e.kind, e.providerCode, e.retryAfterMs];
    };
    expect(kind(400, graph(10, 2018278, '(#10) This message is sent outside of allowed window.'))).toEqual(['permanent', '10/2018278', undefined]);
    expect(kind(400, graph(10, 2534022))).toEqual(['permanent', '10/2534022', undefined]);
    expect(kind(400, graph(551))).toEqual(['permanent', '551', undefined]);
    expect(kind(400, graph(190))).toEqual(['permanent', '190', undefined]);
    expect(kind(400, graph(100, 2018001))).toEqual(['permanent', '100/2018001', undefined]);
    expect(kind(400, graph(613))).toEqual(['rate_limited', '613', undefined]);
    expect(kind(400, graph(4), new Headers({ 'x-app-usage': '{"call_count":100,"total_time":25,"total_cputime":25}' }))).toEqual(['rate_limited', '4', undefined]);
    expect(kind(400, graph(32), new Headers({ 'x-page-usage': '{"call_count":100,"estimated_time_to_regain_access":5}' }))).toEqual(['rate_limited', '32', 300_000]);
    expect(kind(400, graph(1200))).toEqual(['retryable', '1200', undefined]);
    expect(kind(500, graph(2))).toEqual(['retryable', '2', undefined]);
    expect(kind(502)).toEqual(['retryable', '502', undefined]);
  });

  it('splits long texts at line or word breaks within the limit', () => {
    expect(chunks('  hola  ', 10)).toEqual(['hola']);
    expect(chunks('', 10)).toEqual([]);
    const parts = chunks('uno dos tres cuatro cinco seis siete', 12);
    expect(parts).toEqual(['uno dos tres', 'cuatro cinco', 'seis siete']);
    expect(chunks('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
