import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { sha256 } from '../../platform/crypto/secret-box.js';
import { actorForApiToken, actorForSession } from './actor.repo.js';
import type { Actor } from './permissions.js';

export const SESSION_COOKIE = 'atiende_session';

/** Reads `Authorization: Bearer <api token>` or the session cookie; the same for HTTP and WebSocket upgrades. */
export async function authenticate(ctx: AppContext, req: FastifyRequest): Promise<Actor | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return actorForApiToken(ctx.db, sha256(header.slice(7).trim()));
  const token = req.cookies?.[SESSION_COOKIE];
  if (token) return actorForSession(ctx.db, sha256(token));
  return null;
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(ErrorCode.Unauthenticated, 401, 'Sign in, or send an API token as Authorization: Bearer <token>');
  return req.actor;
}
