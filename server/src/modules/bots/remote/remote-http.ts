import { BotUnavailableError, type RemoteCallOptions } from '../bot-engine.js';

export interface RemoteAnswer {
  status: number;
  ok: boolean;
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  json: unknown;
  text: string;
}

/**
 * POSTs a JSON body to a remote bot. A network failure or a time-out (the whole exchange, body included) is a
 * BotUnavailableError; the HTTP status is left to the caller, which knows the provider's error shape.
 * Redirects are not followed: a bot endpoint that redirects a POST is misconfigured, and following it would turn
 * the POST into a GET.
 */
export async function postJson(service: string, url: string, body: string, headers: Record<string, string>, opts: RemoteCallOptions): Promise<RemoteAnswer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, ok: res.ok, json: parseJson(text), text };
  } catch (err) {
    throw unreachable(service, err, opts);
  }
}

function unreachable(service: string, err: unknown, opts: RemoteCallOptions): BotUnavailableError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new BotUnavailableError(`${service[0].toUpperCase()}${service.slice(1)} did not answer within ${opts.timeoutMs} ms`);
  return new BotUnavailableError(`Could not reach ${service}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A provider's error message made safe to store and show: the credential itself never appears, nor a masked form of
 * an OpenAI-style key (OpenAI echoes "sk-abc*****xyz" in its invalid-key message). Long messages are cut.
 */
export function safeMessage(message: string, secrets: string[]): string {
  let out = message;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out.replace(/\bsk-[\w*-]+/g, 'sk-***').slice(0, 300);
}
