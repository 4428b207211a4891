import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import {
  botCreatedDto, botDto, botIdParams, botListDto, botRotatedDto, createBotBody, createIntentBody, deletedDto, intentDto, intentIdParams,
  intentListDto, replaceIntentsBody, tryBotBody, tryBotResultDto, updateBotBody, updateIntentBody,
} from './bots.schemas.js';
import { listBots } from './list-bots.js';
import { getBot } from './get-bot.js';
import { createBot } from './create-bot.js';
import { updateBot } from './update-bot.js';
import { deleteBot } from './delete-bot.js';
import { rotateBotCredentials } from './rotate-bot-credentials.js';
import { listIntents } from './list-intents.js';
import { createIntent } from './create-intent.js';
import { updateIntent } from './update-intent.js';
import { deleteIntent } from './delete-intent.js';
import { replaceIntents } from './replace-intents.js';
import { tryBot } from './try-bot.js';

const tags = ['bots'];

export function registerBotRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/bots', {
    schema: { tags, summary: 'The workspace\'s bots (supervisor and up)', response: { 200: botListDto } },
  }, async (req) => listBots(withActor(ctx, requireActor(req))));

  app.post('/api/v1/bots', {
    schema: { tags, summary: 'Create a bot (admin and up); a webhook bot answers with its credentials, once', body: createBotBody, response: { 201: botCreatedDto } },
  }, async (req, reply) => reply.status(201).send(await createBot(withActor(ctx, requireActor(req)), req.body)));

  app.get('/api/v1/bots/:id', {
    schema: { tags, summary: 'A bot (supervisor and up)', params: botIdParams, response: { 200: botDto } },
  }, async (req) => getBot(withActor(ctx, requireActor(req)), req.params.id));

  app.patch('/api/v1/bots/:id', {
    schema: { tags, summary: 'Change a bot\'s name, settings or secrets (admin and up)', params: botIdParams, body: updateBotBody, response: { 200: botDto } },
  }, async (req) => updateBot(withActor(ctx, requireActor(req)), req.params.id, req.body));

  app.delete('/api/v1/bots/:id', {
    schema: { tags, summary: 'Delete a bot and revoke its API token; its channels fall back to the first bot (admin and up)', params: botIdParams, response: { 200: deletedDto } },
  }, async (req) => deleteBot(withActor(ctx, requireActor(req)), req.params.id));

  app.post('/api/v1/bots/:id/rotate-credentials', {
    schema: { tags, summary: 'A webhook bot\'s new API token and signing secret, shown once; the old token stops working (admin and up)', params: botIdParams, response: { 200: botRotatedDto } },
  }, async (req) => rotateBotCredentials(withActor(ctx, requireActor(req)), req.params.id));

  app.get('/api/v1/bots/:id/intents', {
    schema: { tags, summary: 'The knowledge matrix in order, also its export (builtin and llm bots; supervisor and up)', params: botIdParams, response: { 200: intentListDto } },
  }, async (req) => listIntents(withActor(ctx, requireActor(req)), req.params.id));

  app.post('/api/v1/bots/:id/intents', {
    schema: { tags, summary: 'Add an intent at the end of the matrix (admin and up)', params: botIdParams, body: createIntentBody, response: { 201: intentDto } },
  }, async (req, reply) => reply.status(201).send(await createIntent(withActor(ctx, requireActor(req)), req.params.id, req.body)));

  app.put('/api/v1/bots/:id/intents', {
    schema: { tags, summary: 'Replace the whole matrix in one go: the import (admin and up)', params: botIdParams, body: replaceIntentsBody, response: { 200: intentListDto } },
  }, async (req) => replaceIntents(withActor(ctx, requireActor(req)), req.params.id, req.body));

  app.patch('/api/v1/bots/:id/intents/:intentId', {
    schema: { tags, summary: 'Change an intent (admin and up)', params: intentIdParams, body: updateIntentBody, response: { 200: intentDto } },
  }, async (req) => updateIntent(withActor(ctx, requireActor(req)), req.params.id, req.params.intentId, req.body));

  app.delete('/api/v1/bots/:id/intents/:intentId', {
    schema: { tags, summary: 'Remove an intent (admin and up)', params: intentIdParams, response: { 200: deletedDto } },
  }, async (req) => deleteIntent(withActor(ctx, requireActor(req)), req.params.id, req.params.intentId));

  app.post('/api/v1/bots/:id/try', {
    schema: { tags, summary: 'What the built-in bot would answer to a message, without writing anything (admin and up)', params: botIdParams, body: tryBotBody, response: { 200: tryBotResultDto } },
  }, async (req) => tryBot(withActor(ctx, requireActor(req)), req.params.id, req.body));
}
