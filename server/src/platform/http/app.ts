import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { AppError, ErrorCode } from './errors.js';
import type { Actor } from '../../modules/auth/permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    actor: Actor | null;
  }
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

function errorBody(code: string, message: string, details?: unknown, requestId?: string) {
  return { error: { code, message, ...(details === undefined ? {} : { details }), ...(requestId ? { requestId } : {}) } };
}

/** Fastify with our conventions: zod schemas, raw JSON bodies kept for signatures, typed errors, OpenAPI. */
/** `dashboardDir`: the built dashboard to serve at / (client-side routes fall back to its index.html). */
export async function createHttpApp(ctx: AppContext, dashboardDir: string | null = null): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: true,
    // Access logs only at debug: at info a busy inbox would log every webhook and poll.
    logController: new LogController({ disableRequestLogging: ctx.config.LOG_LEVEL !== 'debug' && ctx.config.LOG_LEVEL !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);

  // Keep the exact bytes: provider signatures are computed over the raw body, never a re-serialisation.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    (req as FastifyRequest).rawBody = body;
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(body.toString('utf8')));
    } catch (err) {
      done(new AppError(ErrorCode.BadRequest, 400, `Malformed JSON body: ${(err as Error).message}`), undefined);
    }
  });

  app.setErrorHandler((err: any, req, reply) => {
    if (err instanceof AppError) return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext, ...(v.instancePath || '').split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const first = details[0];
      return reply.status(400).send(errorBody(ErrorCode.Validation, `Invalid ${first.field}: ${first.message}`, details));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send(errorBody(ErrorCode.PayloadTooLarge, `Body larger than ${ctx.config.BODY_LIMIT_BYTES} bytes`));
    }
    if (err.statusCode === 429) return reply.status(429).send(errorBody(ErrorCode.RateLimited, err.message));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody(ErrorCode.BadRequest, err.message));
    }
    req.log.error({ err, reqId: req.id }, 'unexpected error');
    return reply.status(500).send(errorBody(ErrorCode.Internal, 'Unexpected error', undefined, String(req.id)));
  });
  app.setNotFoundHandler((req, reply) => {
    const api = req.url.startsWith('/api') || req.url.startsWith('/hooks');
    if (dashboardDir && req.method === 'GET' && !api) return reply.sendFile('index.html');
    return reply.status(404).send(errorBody(ErrorCode.NotFound, `No route for ${req.method} ${req.url.split('?')[0]}`));
  });
  if (dashboardDir) await app.register(fastifyStatic, { root: dashboardDir, wildcard: false });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // One byte over the limit reaches the storage driver, which refuses it with 413 and removes the partial file.
  await app.register(multipart, { limits: { fileSize: ctx.config.UPLOAD_LIMIT_BYTES + 1, files: 1 } });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Atiende API', version: '1.0.0', description: 'Omnichannel customer-service inbox' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token' },
          session: { type: 'apiKey', in: 'cookie', name: 'atiende_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  return app;
}
