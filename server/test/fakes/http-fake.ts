import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: unknown;
}

/** A JSON answer (`body`), a raw one (`raw`, e.g. a malformed body), or 'hang': never answer (time-out tests). */
export type FakeAnswer = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | 'hang';

/**
 * A small HTTP server on 127.0.0.1 for fakes whose every request maps to one answer. close() also drops hanging
 * requests, so a time-out test does not keep the process alive.
 */
export async function startHttpFake(handle: (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>, port = 0) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        json = undefined;
      }
      const url = new URL(req.url ?? '/', 'http://fake');
      let answer: FakeAnswer;
      try {
        answer = await handle({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, raw, json });
      } catch (err) {
        answer = { status: 500, body: { error: (err as Error).message } };
      }
      if (answer === 'hang') return;
      const text = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': answer.raw === undefined ? 'application/json; charset=utf-8' : 'text/plain', ...answer.headers }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}

/** `Authorization: Bearer <token>`'s token, or null. */
export const bearerOf = (headers: http.IncomingHttpHeaders) => /^Bearer (.+)$/.exec(String(headers.authorization ?? ''))?.[1] ?? null;
