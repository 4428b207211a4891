import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { channelConnectionDto, channelDto, channelIdParams, channelListDto, channelWithSecretDto, createChannelBody, listChannelsQuery, updateChannelBody } from './channels.schemas.js';
import { listChannels } from './list-channels.js';
import { getChannel } from './get-channel.js';
import { createChannel } from './create-channel.js';
import { updateChannel } from './update-channel.js';
import { rotateChannelSecret } from './rotate-channel-secret.js';
import { deactivateChannel } from './deactivate-channel.js';
import { connectChannel } from './connect-channel.js';

const tags = ['channels'];

/** Channel management. The inbound hooks (/hooks/:type/:id) are registered by the adapters' routes. */
export function registerChannelRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/channels', {
    schema: { tags, summary: 'List channels', querystring: listChannelsQuery, response: { 200: channelListDto } },
  }, async (req) => listChannels(withActor(ctx, requireActor(req)), req.query));

  app.post('/api/v1/channels', {
    schema: { tags, summary: 'Create a channel (admin); the answer carries its secret, shown this once', body: createChannelBody, response: { 201: channelWithSecretDto } },
  }, async (req, reply) => reply.status(201).send(await createChannel(withActor(ctx, requireActor(req)), req.body)));

  app.get('/api/v1/channels/:id', {
    schema: { tags, summary: 'A channel (its secrets are never returned)', params: channelIdParams, response: { 200: channelDto } },
  }, async (req) => getChannel(withActor(ctx, requireActor(req)), { channelId: req.params.id }));

  app.patch('/api/v1/channels/:id', {
    schema: { tags, summary: 'Update a channel (admin); config merges, secrets are replaced', params: channelIdParams, body: updateChannelBody, response: { 200: channelDto } },
  }, async (req) => updateChannel(withActor(ctx, requireActor(req)), { ...req.body, channelId: req.params.id }));

  app.post('/api/v1/channels/:id/rotate-secret', {
    schema: { tags, summary: 'Replace the channel secret (admin); the new one is shown this once', params: channelIdParams, response: { 200: channelWithSecretDto } },
  }, async (req) => rotateChannelSecret(withActor(ctx, requireActor(req)), { channelId: req.params.id }));

  app.post('/api/v1/channels/:id/connect', {
    schema: { tags, summary: "Test the connection: tell the provider our webhook URL again where it needs that (Telegram's setWebhook)", params: channelIdParams, response: { 200: channelConnectionDto } },
  }, async (req) => connectChannel(withActor(ctx, requireActor(req)), { channelId: req.params.id }));

  app.delete('/api/v1/channels/:id', {
    schema: { tags, summary: 'Deactivate a channel (admin); its conversations stay', params: channelIdParams, response: { 200: channelDto } },
  }, async (req) => deactivateChannel(withActor(ctx, requireActor(req)), { channelId: req.params.id }));
}
