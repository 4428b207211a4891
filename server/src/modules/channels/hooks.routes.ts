import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, ErrorCode, forbidden, notFound } from '../../platform/http/errors.js';
import { Batcher } from '../../platform/batcher.js';
import { ingestInbound, type IngestResult } from '../messages/ingest-inbound.js';
import type { InboundEvent, RawRequest } from './channel.js';
import { InvalidPayloadError } from './channel.js';
import { adapterFor } from './registry.js';
import { loadChannelWithSecrets, type LoadedChannel } from './load-channel.js';
import { reopenRulesOf, type ReopenRules } from '../conversations/conversations.repo.js';

/** Channel settings are re-read this often; a rotated secret or changed team applies within it. */
const CACHE_MS = 2000;

/**
 * Provider webhooks: /hooks/{type}/{channelId}. Verify the raw body, parse, store (group-committed per
 * channel), then acknowledge. Processing (routing, bot, realtime) happens after commit, from the event log.
 */
export function registerHookRoutes(app: App, ctx: AppContext) {
  const cache = new Map<number, { channel: (LoadedChannel & { reopenRules: ReopenRules }) | null; until: number }>();
  const batchers = new Map<number, Batcher<InboundEvent, IngestResult>>();

  async function channelFor(id: number) {
    const hit = cache.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    const loaded = await loadChannelWithSecrets(ctx, id);
    const channel = loaded && { ...loaded, reopenRules: await reopenRulesOf(ctx.db, loaded.workspaceId) };
    cache.set(id, { channel, until: Date.now() + CACHE_MS });
    return channel;
  }

  function batcherFor(channelId: number) {
    let b = batchers.get(channelId);
    if (!b) batchers.set(channelId, (b = new Batcher(async (items) => ingestInbound(ctx, (await channelFor(channelId))!, items))));
    return b;
  }

  const hookParams = z.object({ type: z.string().regex(/^[a-z][a-z_]*$/), channelId: z.coerce.number().int().positive() });
  /** The request as the adapter sees it: raw bytes for signatures, the public URL the provider signed, the time it came. */
  const rawRequest = (req: FastifyRequest, body: unknown, rawBody: Buffer): RawRequest => ({
    headers: req.headers, rawBody, body, query: req.query as Record<string, unknown>, url: `${ctx.config.publicUrl}${req.url}`, receivedAt: ctx.clock.now(),
  });

  async function hookTarget(type: string, channelId: number) {
    const adapter = adapterFor(type);
    const channel = adapter ? await channelFor(channelId) : null;
    if (!adapter || !channel || channel.type !== type || !channel.active) throw notFound('Channel');
    return { adapter, channel };
  }

  // Encapsulated: form bodies (Twilio's webhooks) are accepted on the hooks only, never by the cookie-authenticated API.
  return app.register(async (hooks: App) => {
    hooks.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
      (req as FastifyRequest).rawBody = body;
      done(null, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
    });

    hooks.get(
      '/hooks/:type/:channelId',
      {
        schema: {
          summary: 'Webhook verification handshake of a channel (Meta hub.challenge); 404 for types that have none',
          tags: ['hooks'],
          params: hookParams,
        },
      },
      async (req, reply) => {
        const { adapter, channel } = await hookTarget(req.params.type, req.params.channelId);
        if (!adapter.handshake) throw notFound('Channel');
        const answer = adapter.handshake(channel, rawRequest(req, undefined, Buffer.alloc(0)));
        if (!answer) throw forbidden('Verification refused: wrong verify token or mode');
        return reply.code(answer.status).type('text/plain').send(answer.body);
      },
    );

    hooks.post(
      '/hooks/:type/:channelId',
      {
        schema: {
          summary: 'Inbound webhook of a channel (signed by the provider or, for the API channel, by you)',
          tags: ['hooks'],
          params: hookParams,
        },
      },
      async (req, reply) => {
        const { adapter, channel } = await hookTarget(req.params.type, req.params.channelId);
        const raw = rawRequest(req, req.body, req.rawBody ?? Buffer.alloc(0));
        if (!adapter.verify(channel, raw)) throw new AppError(ErrorCode.InvalidSignature, 401, 'Missing or invalid signature');
        let events: InboundEvent[];
        try {
          events = adapter.parse(channel, raw);
        } catch (err) {
          if (err instanceof InvalidPayloadError) throw new AppError(ErrorCode.Validation, 400, err.message, err.field ? [{ field: err.field, message: err.message }] : undefined);
          throw err;
        }
        // The provider's own answer (Twilio's TwiML) unless the caller asks for JSON (our tests, a curl while debugging).
        const own = adapter.webhookResponse && !String(req.headers.accept ?? '').includes('application/json') ? adapter.webhookResponse(events) : null;
        const answer = (json: unknown) => (own ? reply.type(own.contentType).send(own.body) : json);
        if (events.length === 0) return answer({ ok: true, results: [] }); // an update kind we do not subscribe to
        const results = await batcherFor(channel.id).submit(events);
        adapter.acknowledge?.(channel, events, { timeoutMs: ctx.config.OUTBOUND_TIMEOUT_MS, config: ctx.config }).catch((err) =>
          ctx.log.warn({ err: (err as Error).message, channelId: channel.id }, 'acknowledging to the provider failed'),
        );
        if (results.length === 1) return answer({ ok: true, ...results[0] });
        return answer({ ok: true, results });
      },
    );
  });
}
