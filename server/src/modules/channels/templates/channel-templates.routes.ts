import type { App } from '../../../platform/http/app.js';
import type { AppContext } from '../../../platform/context.js';
import { requireActor } from '../../auth/authenticate.js';
import { withActor } from '../../use-case.js';
import { channelIdParams } from '../channels.schemas.js';
import { channelTemplateList, channelTemplateSync, listTemplatesQuery } from './channel-templates.schemas.js';
import { listChannelTemplates } from './list-channel-templates.js';
import { syncChannelTemplates } from './sync-channel-templates.js';

const tags = ['channels'];

/** Message templates (WhatsApp): synchronised from the provider by admins, listed for every member. */
export function registerChannelTemplateRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/channels/:id/templates', {
    schema: { tags, summary: "The channel's message templates, as last synchronised", params: channelIdParams, querystring: listTemplatesQuery, response: { 200: channelTemplateList } },
  }, async (req) => listChannelTemplates(withActor(ctx, requireActor(req)), { channelId: req.params.id, sendable: req.query.sendable }));

  app.post('/api/v1/channels/:id/templates/sync', {
    schema: { tags, summary: 'Synchronise the message templates from the provider (admin)', params: channelIdParams, response: { 200: channelTemplateSync } },
  }, async (req) => syncChannelTemplates(withActor(ctx, requireActor(req)), { channelId: req.params.id }));
}
