/**
 * The providers' side of signed webhooks (Vonage, MessageBird): HS256 tokens as they issue them. Written apart
 * from the server's verifier on purpose, so a mistake in one is caught by the other.
 */
import crypto from 'node:crypto';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export const sha256Hex = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

function decode(part: string | undefined): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** The header and the claims of a token, unchecked (the fake reads what a client sent it). */
export const headerOf = (token: string) => decode(token.split('.')[0]);
export const claimsOf = (token: string) => decode(token.split('.')[1]);
