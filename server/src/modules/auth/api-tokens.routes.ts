import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from './authenticate.js';
import { withActor } from '../use-case.js';
import { apiTokenCreatedDto, apiTokenIdParams, apiTokenListDto, createApiTokenBody, listApiTokensQuery } from './api-tokens.schemas.js';
import { createApiToken } from './create-api-token.js';
import { listApiTokens } from './list-api-tokens.js';
import { revokeApiToken } from './revoke-api-token.js';

const tags = ['api tokens'];

export function registerApiTokenRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/api-tokens', {
    schema: { tags, summary: 'Create an API token (shown once; send it as Authorization: Bearer)', body: createApiTokenBody, response: { 201: apiTokenCreatedDto } },
  }, async (req, reply) => reply.status(201).send(await createApiToken(withActor(ctx, requireActor(req)), req.body)));

  app.get('/api/v1/api-tokens', {
    schema: { tags, summary: 'API tokens of the workspace (never the tokens themselves)', querystring: listApiTokensQuery, response: { 200: apiTokenListDto } },
  }, async (req) => listApiTokens(withActor(ctx, requireActor(req)), req.query));

  app.delete('/api/v1/api-tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: apiTokenIdParams, response: { 200: z.object({ id: z.number(), deleted: z.literal(true) }) } },
  }, async (req) => {
    await revokeApiToken(withActor(ctx, requireActor(req)), req.params);
    return { id: req.params.id, deleted: true as const };
  });
}
