import crypto from 'node:crypto';
import type { RawRequest } from '../channel.js';

/** Meta's (WhatsApp, Messenger, Instagram) webhook authenticity: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>`. */
export function verifyHubSignature(appSecret: string, req: RawRequest): boolean {
  const header = req.headers['x-hub-signature-256'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = crypto.createHmac('sha256', appSecret).update(req.rawBody).digest();
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The GET Meta sends when the callback URL is set: echo `hub.challenge` when the mode and verify token match. */
export function answerHubChallenge(verifyToken: string, req: RawRequest): { status: number; body: string } | null {
  const q = req.query;
  const token = typeof q['hub.verify_token'] === 'string' ? q['hub.verify_token'] : '';
  const tokensMatch = token.length === verifyToken.length && crypto.timingSafeEqual(Buffer.from(token), Buffer.from(verifyToken));
  if (q['hub.mode'] !== 'subscribe' || !tokensMatch || typeof q['hub.challenge'] !== 'string') return null;
  return { status: 200, body: q['hub.challenge'] };
}
