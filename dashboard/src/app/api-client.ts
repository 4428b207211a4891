/** Every non-2xx answer of the API, as `{ error: { code, message, details? } }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

export const API_BASE = '/api/v1';

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = options.body === undefined ? 'GET' : 'POST', body, query, signal } = options;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const url = API_BASE + path + (params.toString() ? `?${params}` : '');
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details);
  }
  return data as T;
}

/**
 * Field names the server named in a validation error (`body.email` → `email`); a name in `nested` stands for the
 * field inside it (`body.settings.url` → `url` when `settings` is nested).
 */
export function invalidFields(err: unknown, nested: readonly string[] = []): string[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details
    .map((d) => (typeof d === 'object' && d && 'field' in d ? String((d as { field: unknown }).field) : ''))
    .map((field) => {
      const [first = '', second] = field.split('.').filter((part) => part !== 'body' && part !== 'query' && part !== 'params');
      return nested.includes(first) && second ? second : first;
    })
    .filter(Boolean);
}
