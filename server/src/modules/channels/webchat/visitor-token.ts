import crypto from 'node:crypto';

/**
 * How a visitor id came to be: `anon` was drawn by us (random, known only to that browser), `id` was given by
 * the site without proof, `verified` was given by the site with the HMAC of the identity secret.
 */
export type VisitorKind = 'anon' | 'id' | 'verified';

export interface VisitorClaims {
  channelId: number;
  visitorId: string;
  kind: VisitorKind;
}

export const VISITOR_TOKEN_HEADER = 'x-atiende-visitor';

const mac = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(`visitor:${body}`).digest('base64url');

/**
 * The visitor's credential: the claims, signed with the channel's token secret. It does not expire (the widget
 * keeps it in localStorage so the chat continues across visits); rotating the token secret revokes every one.
 */
export function issueVisitorToken(tokenSecret: string, claims: VisitorClaims): string {
  const body = Buffer.from(JSON.stringify({ c: claims.channelId, v: claims.visitorId, k: claims.kind })).toString('base64url');
  return `${body}.${mac(tokenSecret, body)}`;
}

/** The claims of an authentic token, or null (wrong signature, garbage, another secret). Never throws. */
export function readVisitorToken(tokenSecret: string | undefined, token: unknown): VisitorClaims | null {
  if (!tokenSecret || typeof token !== 'string' || token.length > 2048) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(tokenSecret, body));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(c.c) || typeof c.v !== 'string' || !['anon', 'id', 'verified'].includes(c.k)) return null;
    return { channelId: c.c, visitorId: c.v, kind: c.k };
  } catch {
    return null;
  }
}

/** HMAC-SHA256 of the site's user id with the identity secret, in hex: what the site's back end computes. */
export const identityHash = (identitySecret: string, userId: string) => crypto.createHmac('sha256', identitySecret).update(userId).digest('hex');

export function identityHashMatches(identitySecret: string | undefined, userId: string, given: string | undefined): boolean {
  if (!identitySecret || !given || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return crypto.timingSafeEqual(Buffer.from(identityHash(identitySecret, userId), 'hex'), Buffer.from(given, 'hex'));
}

/** A token is refused when the channel now requires verified ids and this one was given by the site without proof. */
export function claimsAllowed(claims: VisitorClaims, channel: { id: number; config: Record<string, unknown> }): boolean {
  return claims.channelId === channel.id && !(claims.kind === 'id' && channel.config.identityVerification === true);
}
