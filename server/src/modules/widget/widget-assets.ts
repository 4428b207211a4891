import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { frameAncestors, hostAllowed, pageHostOf } from '../channels/webchat/allowed-domains.js';
import type { WidgetChannels } from './widget-visitor.js';
import { frameQuery } from './widget.schemas.js';

const defaultWidgetDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../widget/dist');

const page = (title: string) => `<!doctype html><meta charset="utf-8"><title>${title}</title><p style="font:14px system-ui;color:#666">${title}</p>`;

/**
 * The built widget beside the dashboard: /widget/loader.js (the embed snippet's script) and its assets, static;
 * /widget/frame.html (the chat in the iframe) per channel, with a `frame-ancestors` policy from the channel's
 * allowed domains, so browsers refuse to show the chat on other sites; a load whose Referer names another site
 * is refused outright.
 */
export async function registerWidgetAssets(app: App, ctx: AppContext, channels: WidgetChannels) {
  const dir = ctx.config.WIDGET_DIR ? path.resolve(ctx.config.WIDGET_DIR) : defaultWidgetDir;

  app.get('/widget/frame.html', { schema: { hide: true, querystring: frameQuery } }, async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
    const channel = req.query.channel ? await channels.byPublicToken(req.query.channel) : null;
    if (!channel || !channel.active) return reply.status(404).send(page('Chat not found'));
    const { allowedDomains } = channel.settings;
    const host = pageHostOf(req.headers);
    if (allowedDomains.length && host && !hostAllowed(host, allowedDomains)) return reply.status(403).send(page('This site may not show this chat'));
    reply.header('content-security-policy', frameAncestors(allowedDomains));
    let html: string;
    try {
      html = await fs.promises.readFile(path.join(dir, 'frame.html'), 'utf8');
    } catch {
      return reply.status(503).send(page('The chat widget is not built: run npm run build -w widget'));
    }
    return reply.send(html);
  });

  if (fs.existsSync(path.join(dir, 'loader.js'))) {
    await app.register(fastifyStatic, { root: dir, prefix: '/widget/', decorateReply: false, index: false, maxAge: 5 * 60_000 });
  }
}
