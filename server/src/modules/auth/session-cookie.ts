import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config/config.js';
import { sha256 } from '../../platform/crypto/secret-box.js';
import { SESSION_COOKIE } from './authenticate.js';

/** Secure when asked, or when the public address is https (a browser drops Secure cookies on plain http). */
export const secureCookies = (config: Config) => config.SECURE_COOKIES ?? config.publicUrl.startsWith('https:');

export function setSessionCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(config),
    maxAge: config.SESSION_TTL_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(config) });
}

/** The hash of the request's session token, as stored in `sessions`. */
export function sessionTokenHash(req: FastifyRequest): string | null {
  const token = req.cookies?.[SESSION_COOKIE];
  return token ? sha256(token) : null;
}
