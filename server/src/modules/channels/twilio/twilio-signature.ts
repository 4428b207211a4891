import crypto from 'node:crypto';

/**
 * X-Twilio-Signature: Base64(HMAC-SHA1(auth token, URL + every POST parameter sorted by name, as name + value)).
 * The URL is the one Twilio requested, query string included; Twilio's own libraries also accept the URL with
 * the default port written out or left off, as proxies differ in what they pass on.
 */
export function twilioSignatureMatches(authToken: string, url: string, rawBody: Buffer, given: string): boolean {
  const params = [...new URLSearchParams(rawBody.toString('utf8'))];
  const signed = Buffer.from(given, 'utf8');
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params), 'utf8');
    return expected.length === signed.length && crypto.timingSafeEqual(expected, signed);
  });
}

export function twilioSignature(authToken: string, url: string, params: Array<[string, string]>): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const data = url + sorted.map(([k, v]) => k + v).join('');
  return crypto.createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  if (parsed.port) return [url]; // a port of its own is always written out
  const rest = parsed.pathname + parsed.search;
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  const withPort = `${parsed.protocol}//${parsed.hostname}:${defaultPort}${rest}`;
  const withoutPort = `${parsed.protocol}//${parsed.hostname}${rest}`;
  return [...new Set([url, withPort, withoutPort])];
}
