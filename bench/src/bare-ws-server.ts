/**
 * The fan-out reference: a bare `ws` broadcast server speaking just enough of Atiende's protocol
 * for the same clients and load generator to drive it. Each POST to /hooks/api/:id is parsed and
 * broadcast once to every subscribed socket, as an event frame shaped like the product's
 * `message.created`. No database, no auth, no signature check: the floor the product is compared to.
 *
 * Run as its own process (like the server): `node --import tsx bench/src/bare-ws-server.ts`, PORT in env.
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const subscribed = new Set<WebSocket>();
let nextId = 1;

function eventFrame(body: { externalId?: string; text?: string; contact?: { externalId?: string; name?: string } }): Buffer {
  const id = nextId++;
  const now = new Date().toISOString();
  return Buffer.from(
    JSON.stringify({
      type: 'event',
      event: {
        id,
        type: 'message.created',
        workspaceId: 1,
        conversationId: 1 + (id % 50),
        actor: { type: 'contact', id: 1 + (id % 50) },
        payload: {
          message: {
            id,
            conversationId: 1 + (id % 50),
            direction: 'inbound',
            kind: 'text',
            text: body.text ?? '',
            externalId: body.externalId ?? null,
            status: 'received',
            sender: { type: 'contact', name: body.contact?.name ?? null },
            createdAt: now,
          },
        },
        createdAt: now,
      },
    }),
  );
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  if (req.method !== 'POST' || !req.url?.startsWith('/hooks/api/')) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let frame: Buffer;
    try {
      frame = eventFrame(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      res.writeHead(400).end('{"error":"malformed JSON"}');
      return;
    }
    for (const ws of subscribed) ws.send(frame);
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"ok":true,"messageId":${nextId - 1},"duplicate":false}`);
  });
});

const wss = new WebSocketServer({ server, path: '/api/v1/realtime', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    if (data.toString().includes('"subscribe"')) {
      subscribed.add(ws);
      ws.send(JSON.stringify({ type: 'ready', lastEventId: nextId - 1 }));
    }
  });
  ws.on('close', () => subscribed.delete(ws));
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
});
