import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { shouldRetryQuery } from './query-retry';

describe('shouldRetryQuery', () => {
  it('never retries an answer of the client-error kind', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetryQuery(0, new ApiError(status, 'x', 'x'))).toBe(false);
  });

  it('retries network failures and server errors twice', () => {
    for (const error of [new ApiError(0, 'network', 'offline'), new ApiError(503, 'x', 'x'), new Error('boom')]) {
      expect([0, 1, 2].map((n) => shouldRetryQuery(n, error))).toEqual([true, true, false]);
    }
  });
});
