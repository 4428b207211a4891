import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { hookBody, hookParams, hookResultDto } from './workflows.schemas.js';
import { receiveWorkflowHook } from './receive-workflow-hook.js';

const MINUTE = 60_000;
/** An integration's event is a few kilobytes; anything much larger is not one. */
const BODY_LIMIT = 256 * 1024;
/** Per node (the in-memory store of @fastify/rate-limit): a busy integration's burst passes, a flood does not. */
const PER_TOKEN_PER_MINUTE = 300;
const PER_IP_PER_MINUTE = 600;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * `POST /hooks/workflow/{token}`: public, the token authenticates. JSON only; the raw body (kept by the app's JSON
 * parser) and the Idempotency-Key header make the run's trigger key.
 */
export async function registerWorkflowHookRoutes(app: App, ctx: AppContext) {
  const perIp = app.createRateLimit({ timeWindow: MINUTE, max: PER_IP_PER_MINUTE, keyGenerator: (req) => `workflow-hook-ip:${req.ip}` });
  const perToken = app.createRateLimit({
    timeWindow: MINUTE,
    max: PER_TOKEN_PER_MINUTE,
    keyGenerator: (req) => `workflow-hook:${(req.params as { token: string }).token}`,
  });

  async function limit(req: FastifyRequest, reply: FastifyReply) {
    for (const check of [perIp, perToken]) {
      const r = await check(req);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(r.ttlInSeconds));
        throw new AppError(ErrorCode.RateLimited, 429, `Too many calls: try again in ${r.ttlInSeconds} s`);
      }
    }
  }

  app.post('/hooks/workflow/:token', {
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['hooks'],
      security: [],
      summary: 'Start a workflow from another system (its incoming-webhook URL; the token authenticates)',
      description: 'JSON object. 202 { runId } when a run starts; 200 { skipped } when none does (unknown contact, conditions, a repeated Idempotency-Key); 404 for an unknown token or a workflow that is not published.',
      params: hookParams,
      body: hookBody,
      response: { 200: hookResultDto, 202: hookResultDto },
    },
  }, async (req, reply) => {
    await limit(req, reply);
    const idempotencyKey = one(req.headers['idempotency-key'])?.trim().slice(0, 200) || undefined;
    const result = await receiveWorkflowHook(ctx, { token: req.params.token, payload: req.body, rawBody: req.rawBody ?? Buffer.alloc(0), idempotencyKey });
    return reply.status('runId' in result ? 202 : 200).send(result);
  });
}
