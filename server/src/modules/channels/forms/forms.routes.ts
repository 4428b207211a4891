import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/app.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../../platform/http/errors.js';
import { pageAllowed } from '../webchat/allowed-domains.js';
import { verifyHexSignature } from '../signature.js';
import { FORM_KEY_HEADER } from './form-settings.js';
import { FormChannels, type FormChannel } from './form-channels.js';
import { readSubmission } from './form-submission.js';
import { submitForm } from './submit-form.js';
import { formEmbedScript } from './form-embed.js';
import { problemsPage, successPage } from './form-pages.js';
import { formBody, formParams } from './forms.schemas.js';

const tags = ['hooks'];
const security: never[] = [];
const MINUTE = 60_000;
/** A contact form is a few kilobytes; anything much larger is not one. */
const BODY_LIMIT = 64 * 1024;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A plain HTML <form> post: the browser shows our answer itself, so it gets a page (or the redirect), not JSON. */
const isHtmlPost = (req: FastifyRequest) =>
  String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && !String(req.headers.accept ?? '').includes('application/json');

/**
 * Web forms, public and unauthenticated: `POST /hooks/form/{id}` takes a submission (JSON or a plain HTML form),
 * `OPTIONS` answers the browser's CORS preflight for the allowed origins, and `GET …/embed.js` renders the form on
 * the company's page. Rate limits are @fastify/rate-limit's in-memory store: per node, per IP and per form.
 */
export async function registerFormRoutes(app: App, ctx: AppContext) {
  const channels = new FormChannels(ctx);
  const formOf = async (req: FastifyRequest) => channels.get((req.params as { channelId: number }).channelId);
  const perIp = app.createRateLimit({
    timeWindow: MINUTE,
    max: async (req) => (await formOf(req))?.form.limits.perIpPerMinute ?? 1,
    keyGenerator: (req) => `form-ip:${(req.params as { channelId: number }).channelId}:${req.ip}`,
  });
  const perForm = app.createRateLimit({
    timeWindow: MINUTE,
    max: async (req) => (await formOf(req))?.form.limits.perChannelPerMinute ?? 1,
    keyGenerator: (req) => `form:${(req.params as { channelId: number }).channelId}`,
  });

  /** 429 with Retry-After once either limit is spent; the site's back end (with the form key) has only the form's. */
  async function limit(req: FastifyRequest, reply: FastifyReply, keyed: boolean) {
    for (const check of keyed ? [perForm] : [perIp, perForm]) {
      const r = await check(req);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(r.ttlInSeconds));
        throw new AppError(ErrorCode.RateLimited, 429, `Too many submissions: try again in ${r.ttlInSeconds} s`);
      }
    }
  }

  /** The page must be on an allowed origin (CORS for fetch, the Origin check for everything), unless the form key is sent. */
  function admit(channel: FormChannel, req: FastifyRequest, reply: FastifyReply): { keyed: boolean } {
    const key = channel.secrets?.formKey;
    const keyed = !!key && verifyHexSignature(req.headers[FORM_KEY_HEADER], '', key);
    if (!keyed && !pageAllowed(channel.form.allowedOrigins, req.headers)) throw forbidden('This site is not among the form\'s allowed origins');
    const origin = one(req.headers.origin);
    if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return { keyed };
  }

  await app.register(async (forms: App) => {
    forms.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    forms.post('/hooks/form/:channelId', {
      bodyLimit: BODY_LIMIT,
      schema: { tags, security, summary: 'A web form submission (public: allowed origins, rate limits and a honeypot fence it)', params: formParams, body: formBody },
    }, async (req, reply) => {
      const channel = await channels.get(req.params.channelId);
      if (!channel) throw notFound('Form');
      const { keyed } = admit(channel, req, reply);
      await limit(req, reply, keyed);
      const html = isHtmlPost(req);
      const read = readSubmission(channel.form, channel.definitions, req.body);
      if (read.kind === 'invalid') {
        if (html) return reply.code(400).type('text/html; charset=utf-8').send(problemsPage(channel.form, read.problems));
        const [first] = read.problems;
        throw new AppError(ErrorCode.Validation, 400, `Invalid ${first.field}: ${first.message}`, read.problems);
      }
      const stored = read.kind === 'ok' ? await submitForm(ctx, channel, read.submission, { page: one(req.headers.referer)?.slice(0, 500) }) : {};
      if (html && channel.form.redirectUrl) return reply.code(303).header('location', channel.form.redirectUrl).send();
      if (html) return reply.type('text/html; charset=utf-8').send(successPage(channel.form));
      return { ok: true as const, message: channel.form.successMessage, ...stored };
    });

    forms.options('/hooks/form/:channelId', {
      schema: { tags, security, summary: 'CORS preflight of a web form: allowed only for its allowed origins', params: formParams },
    }, async (req, reply) => {
      const channel = await channels.get(req.params.channelId);
      if (!channel) throw notFound('Form');
      admit(channel, req, reply);
      return reply
        .code(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, accept')
        .header('access-control-max-age', '600')
        .send();
    });

    forms.get('/hooks/form/:channelId/embed.js', {
      schema: { tags, security, summary: 'The script that renders the web form on a page (<script src=… async>)', params: formParams },
    }, async (req, reply) => {
      const channel = await channels.get(req.params.channelId);
      if (!channel) throw notFound('Form');
      const script = formEmbedScript({ channelId: channel.id, action: `${ctx.config.publicUrl}/hooks/form/${channel.id}`, form: channel.form, definitions: channel.definitions });
      return reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(script);
    });
  });
}
