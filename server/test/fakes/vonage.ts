/**
 * A local Vonage Messages API (SMS): `POST /v1/messages` authenticated as an application (RS256 JWT checked with
 * its public key; `GET /v1/conversations` too, for "test connection"), 202 `{message_uuid}` or RFC 7807 problem
 * JSON, error injection, and status webhooks
 * (submitted, delivered, …) to the application's Status URL after a send. Plays the customer too: inbound SMS
 * webhooks to the Inbound URL, signed as Vonage signs them (Authorization: Bearer, HS256 with the account's
 * signature secret, `payload_hash` = SHA-256 of the body), delivered and re-delivered.
 *
 * Standalone: `npx tsx test/fakes/vonage.ts [port]`.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { claimsOf, headerOf, sha256Hex, signHs256 } from './provider-jwt.js';

export interface VonageSent {
  uuid: string;
  to: string;
  from: string;
  text: string;
  clientRef?: string;
}

export interface VonageProblem {
  status: number;
  /** The fragment of the problem type (`1150`, `unauthorized`…). */
  code: string;
  title: string;
  detail: string;
  retryAfter?: number;
}

export type VonageStatus = string | { status: string; code: number; detail: string };

export async function startVonageFake(opts: {
  applicationId: string;
  publicKey: crypto.KeyLike;
  signatureSecret: string;
  apiKey?: string;
  port?: number;
  /** Where status webhooks go (the application's Status URL); none until set. */
  statusUrl?: string;
  statuses?: VonageStatus[];
  number?: string;
}) {
  const sent: VonageSent[] = [];
  const failures: VonageProblem[] = [];
  const webhooks: Array<{ url: string; uuid: string; status: string; httpStatus: number }> = [];
  let statusUrl = opts.statusUrl;
  let statuses: VonageStatus[] = opts.statuses ?? ['submitted', 'delivered'];
  const apiKey = opts.apiKey ?? 'abcd1234';
  const business = opts.number ?? '447700900000';

  const problem = (res: http.ServerResponse, p: VonageProblem, extra: Record<string, unknown> = {}) =>
    res.writeHead(p.status, { 'content-type': 'application/problem+json', ...(p.retryAfter ? { 'retry-after': String(p.retryAfter) } : {}) }).end(JSON.stringify({
      type: `https://developer.vonage.com/api-errors${/^\d+$/.test(p.code) ? '/messages' : ''}#${p.code}`, title: p.title, detail: p.detail, instance: crypto.randomUUID(), ...extra,
    }));
  const invalid = (res: http.ServerResponse, name: string, reason: string) =>
    problem(res, { status: 422, code: '1150', title: 'Invalid params', detail: 'The value of one or more parameters is invalid.' }, { invalid_parameters: [{ name, reason }] });

  /** The application's token: RS256 over header.payload, verified with the application's public key. */
  function authenticated(header: string | undefined): boolean {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
    const [h, p, s] = token.split('.');
    if (!h || !p || !s || headerOf(token)?.alg !== 'RS256') return false;
    const ok = crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), opts.publicKey, Buffer.from(s, 'base64url'));
    const claims = claimsOf(token);
    const now = Date.now() / 1000;
    return ok && claims?.application_id === opts.applicationId && typeof claims.jti === 'string' && (claims.exp === undefined || Number(claims.exp) > now);
  }

  /** Signs a webhook body as Vonage does. */
  const sign = (raw: string, secret = opts.signatureSecret) =>
    signHs256({ iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), iss: 'Vonage', payload_hash: sha256Hex(raw), api_key: apiKey, application_id: opts.applicationId }, secret);

  async function post(url: string, body: unknown, o: { secret?: string; unsigned?: boolean } = {}) {
    const raw = JSON.stringify(body);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(o.unsigned ? {} : { authorization: `Bearer ${sign(raw, o.secret)}` }) }, body: raw });
    await res.arrayBuffer();
    return res.status;
  }

  const statusBody = (uuid: string, step: VonageStatus, to = '447700900001') => {
    const { status, code, detail } = typeof step === 'string' ? { status: step, code: undefined, detail: undefined } : step;
    return {
      message_uuid: uuid, to, from: business, timestamp: new Date().toISOString(), status, channel: 'sms',
      usage: { currency: 'EUR', price: '0.0333' },
      ...(code ? { error: { type: `https://developer.vonage.com/api-errors/messages#${code}`, title: code, detail, instance: crypto.randomUUID() } } : {}),
    };
  };

  function createMessage(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    if (!authenticated(req.headers.authorization)) return problem(res, { status: 401, code: 'unauthorized', title: 'Unauthorized', detail: 'You did not provide correct credentials.' });
    const injected = failures.shift();
    if (injected) return problem(res, injected);
    let b: Record<string, any>;
    try {
      b = JSON.parse(raw);
    } catch {
      return invalid(res, 'body', 'is not valid JSON');
    }
    if (b.channel !== 'sms') return invalid(res, 'channel', 'must be sms in this fake');
    if (b.message_type !== 'text') return invalid(res, 'message_type', 'must be text for sms');
    if (!/^[1-9]\d{6,14}$/.test(String(b.to ?? ''))) return invalid(res, 'to', 'must be an E.164 number without the leading +');
    if (!b.from) return invalid(res, 'from', 'is required');
    if (!String(b.text ?? '').length || String(b.text).length > 1000) return invalid(res, 'text', 'must be 1 to 1000 characters');
    const m: VonageSent = { uuid: crypto.randomUUID(), to: b.to, from: b.from, text: b.text, clientRef: b.client_ref };
    sent.push(m);
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ message_uuid: m.uuid }));
    const target = statusUrl;
    const planned = statuses;
    if (target && planned.length) {
      setTimeout(async () => {
        for (const step of planned) {
          const body = statusBody(m.uuid, step, m.to);
          webhooks.push({ url: target, uuid: m.uuid, status: body.status, httpStatus: await post(target, body).catch(() => 0) });
        }
      }, 20);
    }
  }

  /** Conversation API `GET /v1/conversations`, as the application (the channel's "test connection"): none here. */
  function listConversations(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!authenticated(req.headers.authorization)) return problem(res, { status: 401, code: 'unauthorized', title: 'Unauthorized', detail: 'You did not provide correct credentials.' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ page_size: 1, _embedded: { conversations: [] }, _links: { first: { href: '/v1/conversations?page_size=1' }, self: { href: '/v1/conversations?page_size=1' } } }));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'POST' && path === '/v1/messages') return createMessage(req, Buffer.concat(chunks).toString('utf8'), res);
      if (req.method === 'GET' && path === '/v1/conversations') return listConversations(req, res);
      problem(res, { status: 404, code: 'not-found', title: 'Not Found', detail: `No route for ${req.method} ${req.url}` });
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    number: business,
    sent,
    webhooks,
    sign,
    customer: {
      /** An inbound SMS webhook body (Messages API v1). */
      inbound: (from: string, text: string, uuid: string = crypto.randomUUID()) => ({
        channel: 'sms', message_uuid: uuid, to: business, from, timestamp: new Date().toISOString(), text, message_type: 'text',
        sms: { num_messages: '1' }, usage: { currency: 'EUR', price: '0.0057' }, origin: { network_code: '21407' },
      }),
      status: (uuid: string, step: VonageStatus) => statusBody(uuid, step, sent.find((s) => s.uuid === uuid)?.to),
    },
    /** Posts a signed webhook; `attempts` repeats it (Vonage retries what was not answered 200). */
    async deliver(url: string, body: unknown, o: { attempts?: number; secret?: string; unsigned?: boolean } = {}): Promise<number[]> {
      const out: number[] = [];
      for (let i = 0; i < (o.attempts ?? 1); i++) out.push(await post(url, body, o));
      return out;
    },
    setStatusUrl(url: string | undefined) {
      statusUrl = url;
    },
    setStatuses(next: VonageStatus[]) {
      statuses = next;
    },
    failNext(p: VonageProblem) {
      failures.push(p);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type VonageFake = Awaited<ReturnType<typeof startVonageFake>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const applicationId = crypto.randomUUID();
  const fake = await startVonageFake({ applicationId, publicKey, signatureSecret: 'vonage-fake-signature-secret', port: Number(process.argv[2] ?? 8086) });
  console.log(`Vonage fake on ${fake.base}; set VONAGE_API_URL=${fake.base}. Application ${applicationId}, signature secret vonage-fake-signature-secret, private key:\n${privateKey.export({ type: 'pkcs8', format: 'pem' })}`);
}
