import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, badRequest, notFound } from '../../platform/http/errors.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { idParams } from '../conversations/conversations.schemas.js';
import { findUser } from '../users/users.repo.js';
import { avatarContentType } from '../users/avatar-image.js';
import { VISITOR_TOKEN_HEADER } from '../channels/webchat/visitor-token.js';
import { PAGE_HEADER } from '../channels/webchat/allowed-domains.js';
import { visitorFromToken, WidgetChannels } from './widget-visitor.js';
import { VisitorHub } from './visitor-hub.js';
import { registerWidgetAssets } from './widget-assets.js';
import { startSession } from './start-session.js';
import { submitPrechat } from './submit-prechat.js';
import { sendVisitorMessage, uploadVisitorFile } from './send-visitor-message.js';
import { listVisitorMessages } from './list-visitor-messages.js';
import { rateConversation } from './rate-conversation.js';
import { requestTranscript } from './request-transcript.js';
import { markRead } from './mark-read.js';
import { agentTyping, visitorTyping } from './typing.js';
import {
  avatarParams, avatarQuery, conversationParams, messagesQuery, messagesResponse, okResponse, prechatBody, prechatResponse, ratingBody, ratingResponse,
  readBody, sendBody, sessionBody, sessionResponse, transcriptBody, transcriptResponse, typingBody, uploadResponse, visitorMessage,
} from './widget.schemas.js';

const tags = ['widget'];
const security: never[] = [];
const MINUTE = 60_000;
/** Per visitor token (or IP before there is one): generous for a person, tight for a script. */
const limit = (max: number) => ({
  rateLimit: { max, timeWindow: MINUTE, keyGenerator: (req: FastifyRequest) => String(req.headers[VISITOR_TOKEN_HEADER] ?? req.ip).slice(-64) },
});

/**
 * The web chat widget's API (the visitor's side). Authenticated by the visitor token in X-Atiende-Visitor, never
 * by a session cookie: the iframe shares the dashboard's origin, and an agent's cookie must not act here.
 */
export async function registerWidgetRoutes(app: App, ctx: AppContext) {
  const channels = new WidgetChannels(ctx);
  const hub = new VisitorHub(ctx);
  app.addHook('onClose', () => hub.stop());
  await registerWidgetAssets(app, ctx, channels);
  const visitor = (req: FastifyRequest) => visitorFromToken(channels, req.headers[VISITOR_TOKEN_HEADER] as string | undefined, req.headers);

  app.post('/api/v1/widget/session', {
    schema: { tags, security, summary: 'Start or resume a visitor session from the snippet\'s public token', body: sessionBody, response: { 200: sessionResponse } },
    config: limit(30),
  }, async (req) => startSession(ctx, channels, req.body, req.headers));

  app.post('/api/v1/widget/prechat', {
    schema: { tags, security, summary: 'The pre-chat form: stored on the visitor\'s contact', body: prechatBody, response: { 200: prechatResponse } },
    config: limit(20),
  }, async (req) => submitPrechat(ctx, await visitor(req), req.body));

  app.get('/api/v1/widget/messages', {
    schema: { tags, security, summary: 'The visitor\'s messages, current and earlier conversations (newest first)', querystring: messagesQuery, response: { 200: messagesResponse } },
    config: limit(120),
  }, async (req) => listVisitorMessages(ctx, await visitor(req), req.query));

  app.post('/api/v1/widget/messages', {
    schema: { tags, security, summary: 'The visitor writes (a retry with the same id is stored once)', body: sendBody, response: { 201: visitorMessage } },
    config: limit(60),
  }, async (req, reply) => {
    const { message } = await sendVisitorMessage(ctx, await visitor(req), req.body, req.headers);
    return reply.status(201).send(message);
  });

  app.post('/api/v1/widget/attachments', {
    schema: { tags, security, summary: 'Upload a file (multipart, field `file`) to send with the next message', response: { 201: uploadResponse } },
    config: limit(20),
  }, async (req, reply) => {
    const who = await visitor(req);
    if (!req.isMultipart()) throw badRequest('Send the file as multipart/form-data in the field `file`');
    const file = await req.file();
    if (!file) throw badRequest('No file in the request', [{ field: 'file', message: 'required' }]);
    return reply.status(201).send(await uploadVisitorFile(ctx, who, { filename: file.filename, contentType: file.mimetype, stream: file.file }));
  });

  app.post('/api/v1/widget/typing', {
    schema: { tags, security, summary: 'The visitor is typing (or stopped): agents see it; nothing is stored', body: typingBody, response: { 200: okResponse } },
    config: limit(60),
  }, async (req) => visitorTyping(ctx, await visitor(req), req.body.typing));

  app.post('/api/v1/widget/read', {
    schema: { tags, security, summary: 'The visitor saw the agent\'s replies up to a message', body: readBody, response: { 200: okResponse } },
    config: limit(120),
  }, async (req) => markRead(ctx, await visitor(req), req.body.upToMessageId));

  app.post('/api/v1/widget/conversations/:id/rating', {
    schema: { tags, security, summary: 'Rate a closed conversation 1–5 with an optional comment (CSAT)', params: conversationParams, body: ratingBody, response: { 200: ratingResponse } },
    config: limit(20),
  }, async (req) => rateConversation(ctx, await visitor(req), req.params.id, req.body));

  app.post('/api/v1/widget/conversations/:id/transcript', {
    schema: { tags, security, summary: 'Mail a closed conversation\'s transcript to the visitor\'s e-mail', params: conversationParams, body: transcriptBody, response: { 202: transcriptResponse } },
    config: limit(5),
  }, async (req, reply) => reply.status(202).send(await requestTranscript(ctx, await visitor(req), req.params.id, req.body ?? {})));

  app.get('/api/v1/widget/avatars/:userId', {
    schema: { tags, security, summary: 'An agent\'s picture, through the signed link replies carry', params: avatarParams, querystring: avatarQuery },
  }, async (req, reply) => {
    if (!ctx.secrets.verify(`widget-avatar:${req.params.userId}`, req.query.sig)) throw notFound('Avatar');
    const user = await findUser(ctx.db, req.params.userId);
    const contentType = user?.avatarKey ? avatarContentType(user.avatarKey) : null;
    if (!user?.avatarKey || !contentType) throw notFound('Avatar');
    return reply.type(contentType).header('cache-control', 'private, max-age=3600').send(ctx.storage.get(user.avatarKey));
  });

  // The agent's side of typing: in this module because the indicator exists for the visitor.
  app.post('/api/v1/conversations/:id/typing', {
    schema: { tags: ['conversations'], summary: 'You are typing a reply (or stopped): the visitor and teammates see it; nothing is stored', params: idParams, body: typingBody, response: { 200: okResponse } },
  }, async (req) => agentTyping(withActor(ctx, requireActor(req)), req.params.id, req.body.typing));

  /**
   * The visitor's socket. The first frame authenticates: {type: 'auth', token, page?} (`page`: the embedding
   * page, as X-Atiende-Page over HTTP); then {type: 'ping'} at will. See visitor-hub.ts for what it receives.
   */
  app.get('/api/v1/widget/realtime', { websocket: true, schema: { hide: true } }, (ws: WebSocket, req) => {
    const timer = setTimeout(() => ws.close(4401, 'Authenticate first: {"type":"auth","token":"…"}'), 10_000);
    let authed = false;
    ws.on('close', () => clearTimeout(timer));
    ws.on('message', (data) => {
      let frame: { type?: unknown; token?: unknown; page?: unknown };
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return ws.close(4400, 'Frames must be JSON');
      }
      if (frame?.type === 'ping') return authed && ws.send(JSON.stringify({ type: 'pong' }));
      if (frame?.type !== 'auth' || authed) return;
      authed = true;
      clearTimeout(timer);
      const headers = { ...req.headers, ...(typeof frame.page === 'string' ? { [PAGE_HEADER]: frame.page } : {}) };
      visitorFromToken(channels, typeof frame.token === 'string' ? frame.token : undefined, headers)
        .then((who) => (ws.readyState === ws.OPEN ? hub.connect(ws, who) : undefined))
        .catch((err) => ws.close(err instanceof AppError ? 4000 + err.status : 1011, err instanceof AppError ? err.message.slice(0, 120) : 'Unexpected error'));
    });
  });
}

