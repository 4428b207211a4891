import crypto from 'node:crypto';

/**
 * The few JWT operations the SMS providers need, on node:crypto: verifying the HMAC-signed tokens Vonage and
 * MessageBird put on their webhooks, and signing the RS256 token Vonage's API takes. A library would bring key
 * handling and algorithms we do not use; what matters here is the constant-time comparison and refusing any
 * algorithm other than the expected ones (never `none`).
 */
export type JwtClaims = Record<string, unknown>;

const HMAC = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
type HmacAlg = keyof typeof HMAC;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The claims of a token signed with `secret` by one of `algorithms`, or null (malformed, other algorithm, wrong signature). */
export function verifyHmacJwt(token: string, secret: string, algorithms: HmacAlg[] = ['HS256']): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !secret) return null;
  const header = decodeJson(parts[0]);
  const alg = header?.alg as HmacAlg | undefined;
  if (!alg || !algorithms.includes(alg) || !(alg in HMAC)) return null;
  const expected = crypto.createHmac(HMAC[alg], secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return decodeJson(parts[1]);
}

/** A token signed RS256 with a PEM private key (Vonage's application authentication). */
export function signRs256Jwt(claims: JwtClaims, privateKeyPem: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(crypto.sign('RSA-SHA256', Buffer.from(input), privateKeyPem))}`;
}

/** Lower-case hex SHA-256, as both providers put hashes of the body (and MessageBird of the URL) in their claims. */
export const sha256Hex = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/** Constant-time equality of a claimed hex hash with the computed one (case-insensitive hex). */
export function hexHashMatches(claimed: unknown, computedHex: string): boolean {
  if (typeof claimed !== 'string') return false;
  const a = Buffer.from(claimed.toLowerCase(), 'utf8');
  const b = Buffer.from(computedHex, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
