import crypto from 'node:crypto';

export const hmacHex = (algorithm: 'sha256' | 'sha1', secret: string, body: Buffer | string) =>
  crypto.createHmac(algorithm, secret).update(body).digest('hex');

/** Constant-time comparison of a `sha256=<hex>` style header against the expected digest. */
export function verifyHexSignature(header: string | string[] | undefined, prefix: string, expectedHex: string): boolean {
  if (typeof header !== 'string' || !header.startsWith(prefix)) return false;
  const given = Buffer.from(header.slice(prefix.length).trim(), 'utf8');
  const expected = Buffer.from(expectedHex, 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
