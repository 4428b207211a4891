import { ChannelSendError } from '../channel.js';

type Json = Record<string, any>;

/**
 * How Graph's error codes are handled (Meta: key on `code` and `error_data.details`, never on the HTTP status or
 * the title). A code not listed falls back on the HTTP status: 5xx retryable, 429 rate-limited, the rest permanent.
 */
const RATE_LIMITED = new Map<number, number>([
  [130429, 1_000], // the number's throughput (80/s by default): the next second will do
  [131056, 6_000], // (business, customer) pair limit: about one message per 6 s to the same person
  [131048, 60_000], // spam rate limit (quality): back off longer
  [80007, 60_000], // WABA rate limit; the usage header usually says how long
  [4, 60_000], // app rate limit
]);
const RETRYABLE = new Set([1, 2, 131000, 131016, 131049, 131057, 133004]);

/** Graph's message for a code starts with "(#131047) "; the code is reported on its own. */
const withoutCodePrefix = (message: string) => message.replace(/^\(#\d+\)\s*/, '');

/** The text of a Graph error: its message and Meta's details, when they add something. */
export function graphErrorText(error: Json | undefined, fallback: string): string {
  const message = withoutCodePrefix(String(error?.message ?? error?.title ?? fallback));
  const details = error?.error_data?.details;
  return typeof details === 'string' && details && !message.includes(details) ? `${message}: ${details}` : message;
}

/**
 * Minutes until the WABA regains access, from Graph's `X-Business-Use-Case-Usage` header
 * (`{"<business id>":[{"type":"whatsapp","estimated_time_to_regain_access":5,…}]}`).
 */
function regainAccessMs(header: string | null): number | undefined {
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Math.max(0, ...Object.values(usage).flat().map((u) => Number(u.estimated_time_to_regain_access) || 0));
    return minutes > 0 ? minutes * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refusals that another try will not change: outside the 24-hour window (131047), not deliverable to this person
 * (131026), expired or wrong token (190), no permission (10, 200–299), bad request or template (100, 131008,
 * 131009, 131051–131053, 132000–132015), policy (368, 130497), account problems (131031, 131042, 133010).
 */
function isPermanent(code: number) {
  return [131047, 131026, 190, 10, 100, 368, 130497, 131008, 131009, 131021, 131031, 131042, 131051, 131052, 131053, 133010].includes(code)
    || (code >= 200 && code <= 299) || (code >= 132000 && code <= 132015);
}

/** Classifies a failed Graph call: retryable, rate-limited (with how long to wait) or permanent, with Meta's code and text. */
export function classifyGraphError(status: number, body: Json | null, headers?: Headers): ChannelSendError {
  const error = body?.error as Json | undefined;
  const code = Number(error?.code);
  const text = graphErrorText(error, `Graph API answered HTTP ${status}`);
  const providerCode = Number.isFinite(code) ? String(code) : String(status);
  if (RATE_LIMITED.has(code)) return new ChannelSendError('rate_limited', text, providerCode, regainAccessMs(headers?.get('x-business-use-case-usage') ?? null) ?? RATE_LIMITED.get(code));
  if (RETRYABLE.has(code)) return new ChannelSendError('retryable', text, providerCode);
  if (isPermanent(code)) return new ChannelSendError('permanent', text, providerCode);
  if (status === 429) return new ChannelSendError('rate_limited', text, providerCode, Number(headers?.get('retry-after')) * 1000 || 1_000);
  return new ChannelSendError(status >= 500 ? 'retryable' : 'permanent', text, providerCode);
}
