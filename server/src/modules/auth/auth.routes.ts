import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from './authenticate.js';
import { withActor } from '../use-case.js';
import {
  loginBody, passwordResetBody, passwordResetConfirmBody, sessionDto, setupBody, setupStatusDto, switchWorkspaceBody,
} from './auth.schemas.js';
import { clearSessionCookie, sessionTokenHash, setSessionCookie } from './session-cookie.js';
import { getSetupStatus, runSetup } from './run-setup.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';
import { getCurrentSession } from './get-current-session.js';
import { switchWorkspace } from './switch-workspace.js';
import { requestPasswordReset } from './request-password-reset.js';
import { resetPassword } from './reset-password.js';

const tags = ['auth'];
const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Per address and per IP, after the body is parsed: guessing one account's password, or mail-bombing one inbox, is slowed. */
const perEmailAndIp = (ctx: AppContext, groupId: string) => ({
  rateLimit: {
    max: ctx.config.LOGIN_RATE_LIMIT,
    timeWindow: FIFTEEN_MINUTES,
    hook: 'preHandler' as const,
    groupId,
    keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
  },
});

export function registerAuthRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/setup', {
    schema: { tags, summary: 'Whether first-run set-up is still needed', security: [], response: { 200: setupStatusDto } },
  }, async () => getSetupStatus(ctx));

  app.post('/api/v1/setup', {
    schema: { tags, summary: 'First run: create the first workspace and its owner, signed in', security: [], body: setupBody, response: { 201: sessionDto } },
  }, async (req, reply) => {
    const { token, session } = await runSetup(ctx, { ...req.body, userAgent: req.headers['user-agent'] });
    setSessionCookie(reply, ctx.config, token);
    return reply.status(201).send(session);
  });

  app.post('/api/v1/auth/login', {
    config: perEmailAndIp(ctx, 'login'),
    schema: { tags, summary: 'Sign in (sets the httpOnly session cookie)', security: [], body: loginBody, response: { 200: sessionDto } },
  }, async (req, reply) => {
    const { token, session } = await signIn(ctx, { ...req.body, userAgent: req.headers['user-agent'] });
    setSessionCookie(reply, ctx.config, token);
    return session;
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'Sign out this session', response: { 204: z.null() } },
  }, async (req, reply) => {
    await signOut(ctx, { tokenHash: sessionTokenHash(req) });
    clearSessionCookie(reply, ctx.config);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    schema: { tags, summary: 'The signed-in user, workspace, role, access level, teams and other workspaces', response: { 200: sessionDto } },
  }, async (req) => getCurrentSession(withActor(ctx, requireActor(req))));

  app.post('/api/v1/auth/switch-workspace', {
    schema: { tags, summary: 'Move this session to another of the user\'s workspaces', body: switchWorkspaceBody, response: { 200: sessionDto } },
  }, async (req) => switchWorkspace(withActor(ctx, requireActor(req)), { workspaceId: req.body.workspaceId, tokenHash: sessionTokenHash(req) }));

  app.post('/api/v1/auth/password-reset', {
    config: perEmailAndIp(ctx, 'password-reset'),
    schema: { tags, summary: 'Mail a password reset link (always 202: whether the address has an account is not revealed)', security: [], body: passwordResetBody, response: { 202: z.null() } },
  }, async (req, reply) => {
    // Answer first, work after: the response time is the same for known and unknown addresses.
    setImmediate(() => {
      requestPasswordReset(ctx, req.body).catch((err) => ctx.log.error({ err }, 'password reset mail failed'));
    });
    return reply.status(202).send(null);
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    schema: { tags, summary: 'Set a new password from a reset link; signs out every session', security: [], body: passwordResetConfirmBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await resetPassword(ctx, req.body);
    return reply.status(204).send(null);
  });
}
