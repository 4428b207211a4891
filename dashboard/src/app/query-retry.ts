import { ApiError } from './api-client';

/**
 * Queries are retried only when trying again can help: a network failure or a server error, twice.
 * A 4xx is the answer (not found, not allowed, invalid): retrying it only keeps the person waiting.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
