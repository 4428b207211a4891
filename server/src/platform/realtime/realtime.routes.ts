import type { RawData, WebSocket } from 'ws';
import type { AppContext } from '../context.js';
import type { App } from '../http/app.js';
import { ErrorCode } from '../http/errors.js';
import { authenticate } from '../../modules/auth/authenticate.js';
import type { RealtimeHub } from './hub.js';
import { CloseCode, type RealtimeClient } from './realtime-client.js';
import { clientFrameSchema, MAX_TOPICS_PER_SOCKET } from './realtime.schemas.js';
import { canSubscribe, parseTopic, type Topic } from './topics.js';

/**
 * GET /api/v1/realtime (WebSocket). Authenticated like HTTP (session cookie or API token); JSON frames:
 * subscribe {topics, lastEventId?} → events … then ready; unsubscribe {topics}; ping → pong.
 */
export function registerRealtimeRoute(app: App, ctx: AppContext, hub: RealtimeHub) {
  app.get('/api/v1/realtime', { websocket: true, schema: { hide: true } }, (ws, req) => {
    // Frames may arrive while the actor is resolved; keep them in order.
    const early: RawData[] = [];
    let client: RealtimeClient | null = null;
    ws.on('message', (data) => (client ? handle(hub, client, data) : early.push(data)));
    void (async () => {
      const actor = req.actor ?? (await authenticate(ctx, req).catch(() => null));
      if (!actor) return ws.close(CloseCode.Unauthenticated, 'Sign in, or send an API token as Authorization: Bearer <token>');
      if (ws.readyState !== ws.OPEN) return;
      client = hub.connect(ws as WebSocket, actor, req.socket);
      for (const data of early.splice(0)) handle(hub, client, data);
    })();
  });
}

function handle(hub: RealtimeHub, client: RealtimeClient, data: RawData) {
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return client.send({ type: 'error', code: ErrorCode.BadRequest, message: 'Frames must be JSON' });
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return client.send({ type: 'error', code: ErrorCode.Validation, message: `Invalid ${['frame', ...issue.path].join('.')}: ${issue.message}` });
  }
  const frame = parsed.data;
  if (frame.type === 'ping') return client.send({ type: 'pong' });
  if (frame.type === 'unsubscribe') return hub.unsubscribe(client, frame.topics);

  const topics = new Map<string, Topic>();
  for (const key of frame.topics) {
    const topic = parseTopic(key);
    if (!topic) return client.send({ type: 'error', code: ErrorCode.Validation, message: `Unknown topic "${key}": use workspace, team:<id>, conversation:<id> or user:<id>` });
    if (!canSubscribe(client.actor, topic)) return client.send({ type: 'error', code: ErrorCode.Forbidden, message: `You may not subscribe to "${key}"` });
    topics.set(key, topic);
  }
  const total = new Set([...client.topics.keys(), ...topics.keys()]).size;
  if (total > MAX_TOPICS_PER_SOCKET) return client.send({ type: 'error', code: ErrorCode.Validation, message: `At most ${MAX_TOPICS_PER_SOCKET} topics per socket` });
  void hub.subscribe(client, topics, frame.lastEventId);
}
