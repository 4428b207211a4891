import http from 'node:http';
import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';

export interface ReceivedReply {
  body: any;
  validSignature: boolean;
}

/**
 * The other end of an API channel: the integrator's HTTP endpoint that receives our signed replies.
 * Tests choose how it answers next (success with an id, 5xx, 4xx, 429) to exercise retries.
 */
export async function startApiReceiver(secret: () => string) {
  const received: ReceivedReply[] = [];
  const plan: Array<{ status: number; body?: unknown; headers?: Record<string, string> }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = `sha256=${crypto.createHmac('sha256', secret()).update(raw).digest('hex')}`;
      received.push({ body: JSON.parse(raw.toString('utf8')), validSignature: req.headers['x-atiende-signature'] === expected });
      const next = plan.shift() ?? { status: 200, body: { externalId: `ext-${received.length}` } };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replies`,
    received,
    /** Queue the next answers; after them it answers 200 with an external id. */
    answer: (...next: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) => plan.push(...next),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
