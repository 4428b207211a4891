import { ChannelSendError, type SendOptions } from '../channel.js';

export interface ProviderAnswer {
  res: Response;
  /** The JSON body, or null when there was none or it was not JSON. */
  body: Record<string, any> | null;
}

/** One call to an SMS provider's API; a network failure or timeout is retryable. */
export async function callProvider(provider: string, url: string, init: RequestInit, opts: SendOptions): Promise<ProviderAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (err) {
    throw new ChannelSendError('retryable', `Could not reach ${provider}: ${(err as Error).message}`);
  }
  let body: Record<string, any> | null = null;
  try {
    const parsed = JSON.parse(await res.text());
    body = parsed && typeof parsed === 'object' ? parsed : null;
  } catch {
    /* not JSON: classified by the HTTP status */
  }
  return { res, body };
}

/** `Retry-After` in seconds, as milliseconds (the HTTP-date form is not used by these providers). */
export function retryAfterMs(res: Response): number | undefined {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The error class of a failed call: rate-limited (HTTP 429 or the provider's own code), retryable (5xx), permanent (the rest). */
export function sendError(res: Response, message: string, providerCode: string, rateLimited = res.status === 429): ChannelSendError {
  if (rateLimited) return new ChannelSendError('rate_limited', message, providerCode, retryAfterMs(res));
  if (res.status >= 500) return new ChannelSendError('retryable', message, providerCode);
  return new ChannelSendError('permanent', message, providerCode);
}

/** Basic authentication header. */
export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
