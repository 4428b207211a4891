/**
 * Allowed domains: where the widget may run. The chat lives in an iframe served by us, so its API calls carry
 * our own Origin; what matters is the page around it. That page is, in order:
 *  1. the request's Origin, when it is another site's (a page calling the API directly, e.g. the loader);
 *  2. `X-Atiende-Page`, which our iframe fills from `location.ancestorOrigins` / `document.referrer` (the
 *     browser's word for the embedding page); trustworthy in a browser because frame.html is served with a
 *     `frame-ancestors` policy of the same list, so the browser refuses to show the iframe on any other site;
 *  3. the Referer, when it is another site's (e.g. the iframe's own page load).
 * Anything outside the browser can forge these headers; the visitor token is the credential, this is the fence.
 */
export const PAGE_HEADER = 'x-atiende-page';

type Headers = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The host (with port, if any) of the page the request comes from, or null when nothing says. */
export function pageHostOf(headers: Headers): string | null {
  const own = (one(headers['x-forwarded-host']) ?? one(headers.host) ?? '').split(',')[0].trim().toLowerCase();
  const foreign = (url: string | undefined) => {
    const h = hostOf(url);
    return h && h !== own ? h : null;
  };
  return foreign(one(headers.origin)) ?? hostOf(one(headers[PAGE_HEADER])) ?? foreign(one(headers.referer));
}

/** `example.com` matches example.com; `*.example.com` matches its subdomains (not itself); a port, when given, must match. */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const [name, port] = splitPort(host);
  return patterns.some((p) => {
    const [pName, pPort] = splitPort(p.toLowerCase());
    if (pPort && pPort !== port) return false;
    return pName.startsWith('*.') ? name.endsWith(pName.slice(1)) && name.length > pName.length - 1 : name === pName;
  });
}

function splitPort(host: string): [string, string | null] {
  const m = /^(.*?)(?::(\d+))?$/.exec(host)!;
  return [m[1], m[2] ?? null];
}

/** True when the channel takes requests from any page, or the request's page is on an allowed domain. */
export function pageAllowed(allowedDomains: readonly string[], headers: Headers): boolean {
  if (allowedDomains.length === 0) return true;
  const host = pageHostOf(headers);
  return host !== null && hostAllowed(host, allowedDomains);
}

/** The CSP `frame-ancestors` list for frame.html: the allowed domains on http and https, any port unless one is given. */
export function frameAncestors(allowedDomains: readonly string[]): string {
  if (allowedDomains.length === 0) return 'frame-ancestors *';
  const sources = allowedDomains.flatMap((d) => {
    const host = /:\d+$/.test(d) ? d : `${d}:*`;
    return [`https://${host}`, `http://${host}`];
  });
  return `frame-ancestors 'self' ${sources.join(' ')}`;
}
