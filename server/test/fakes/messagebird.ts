/**
 * A local MessageBird Conversations API (SMS platform): `POST /v1/send` with `Authorization: AccessKey …` (and
 * `GET /v1/conversations`, the channel's "test connection"), 202
 * `{id, status: "accepted"}` or `{"errors":[{code, description, parameter}]}`, error injection, and the channel
 * webhook's events after a send (`message.created` for the sent message, `message.updated` per status). Plays the
 * customer too: `message.created` for a received SMS. Every webhook is signed as MessageBird signs them: the
 * `MessageBird-Signature-JWT` header, HS256 with the signing key, claims iss, nbf, exp (a minute), jti,
 * url_hash (SHA-256 of the URL) and payload_hash (SHA-256 of the body).
 *
 * Standalone: `npx tsx test/fakes/messagebird.ts [port]`.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { sha256Hex, signHs256 } from './provider-jwt.js';

export interface MessageBirdSent {
  id: string;
  to: string;
  text: string;
}

export interface MessageBirdError {
  status: number;
  code: number;
  description: string;
  parameter?: string | null;
  retryAfter?: number;
}

export type MessageBirdStatus = string | { status: string; code: number; description: string };

const hex = () => crypto.randomBytes(16).toString('hex');

export async function startMessageBirdFake(opts: { accessKey: string; signingKey: string; channelId: string; port?: number; webhookUrl?: string; statuses?: MessageBirdStatus[]; number?: string }) {
  const sent: MessageBirdSent[] = [];
  const failures: MessageBirdError[] = [];
  const webhooks: Array<{ id: string; type: string; status: string; httpStatus: number }> = [];
  let webhookUrl = opts.webhookUrl;
  let statuses: MessageBirdStatus[] = opts.statuses ?? ['sent', 'delivered'];
  const business = opts.number ?? '+3197010200300';
  const conversationId = hex();

  const fail = (res: http.ServerResponse, e: MessageBirdError) =>
    res.writeHead(e.status, { 'content-type': 'application/json', ...(e.retryAfter ? { 'retry-after': String(e.retryAfter) } : {}) })
      .end(JSON.stringify({ errors: [{ code: e.code, description: e.description, parameter: e.parameter ?? null }] }));

  /** MessageBird-Signature-JWT for a request to `url` with this body. */
  function sign(url: string, raw: string, key = opts.signingKey) {
    const now = Math.floor(Date.now() / 1000);
    return signHs256({ iss: 'MessageBird', nbf: now, exp: now + 60, jti: crypto.randomUUID(), url_hash: sha256Hex(url), ...(raw ? { payload_hash: sha256Hex(raw) } : {}) }, key);
  }

  async function post(url: string, body: unknown, o: { via?: string; key?: string } = {}) {
    const raw = JSON.stringify(body);
    const res = await fetch(o.via ?? url, { method: 'POST', headers: { 'content-type': 'application/json', 'messagebird-signature-jwt': sign(url, raw, o.key) }, body: raw });
    await res.arrayBuffer();
    return res.status;
  }

  const contact = (msisdn: string) => ({ id: hex(), href: '', msisdn: Number(msisdn.replace(/^\+/, '')), displayName: msisdn.replace(/^\+/, ''), firstName: '', lastName: '', customDetails: {}, attributes: {}, createdDatetime: new Date().toISOString() });
  /** A webhook body: the event, the contact, the conversation and the message (`message` holds at least its id and status). */
  const envelope = <M extends { id: string; status: string }>(type: string, customer: string, message: M) => ({
    type,
    contact: contact(customer),
    conversation: { id: conversationId, contactId: hex(), status: 'active', createdDatetime: new Date().toISOString(), updatedDatetime: new Date().toISOString(), lastReceivedDatetime: new Date().toISOString() },
    message: { conversationId, platform: 'sms', channelId: opts.channelId, type: 'text', createdDatetime: new Date().toISOString(), updatedDatetime: new Date().toISOString(), ...message },
  });

  const customer = {
    /** A customer's SMS as the `message.created` webhook. */
    says: (from: string, text: string, id = hex()) => envelope('message.created', from, { id, from, to: business, direction: 'received', status: 'received', content: { text } }),
    /** A message the business sent (from MessageBird's own inbox, or ours echoed back). */
    sentByBusiness: (to: string, text: string, id = hex()) => envelope('message.created', to, { id, from: business, to, direction: 'sent', status: 'pending', content: { text } }),
    /** `message.updated` for one of the business's messages. */
    status(id: string, step: MessageBirdStatus) {
      const { status, code, description } = typeof step === 'string' ? { status: step, code: undefined, description: undefined } : step;
      const to = sent.find((s) => s.id === id)?.to ?? '+34600000000';
      return envelope('message.updated', to, { id, from: business, to, direction: 'sent', status, content: { text: '' }, ...(code ? { error: { code, description } } : {}) });
    },
  };

  function send(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    if (req.headers.authorization !== `AccessKey ${opts.accessKey}`) return fail(res, { status: 401, code: 2, description: 'Request not allowed (incorrect access_key)', parameter: 'access_key' });
    const injected = failures.shift();
    if (injected) return fail(res, injected);
    let b: Record<string, any>;
    try {
      b = JSON.parse(raw);
    } catch {
      return fail(res, { status: 400, code: 21, description: 'Request body is not valid JSON' });
    }
    if (!/^\+?[1-9]\d{6,14}$/.test(String(b.to ?? ''))) return fail(res, { status: 422, code: 21, description: 'The recipient is not a valid phone number', parameter: 'to' });
    if (b.from !== opts.channelId) return fail(res, { status: 404, code: 20, description: 'channel not found', parameter: 'from' });
    if (b.type !== 'text' || !String(b.content?.text ?? '')) return fail(res, { status: 422, code: 21, description: 'content.text is required for type text', parameter: 'content' });
    const m: MessageBirdSent = { id: hex(), to: b.to, text: b.content.text };
    sent.push(m);
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: m.id, status: 'accepted' }));
    const target = webhookUrl;
    const planned = statuses;
    if (target && planned.length) {
      setTimeout(async () => {
        webhooks.push({ id: m.id, type: 'message.created', status: 'pending', httpStatus: await post(target, customer.sentByBusiness(m.to, m.text, m.id)).catch(() => 0) });
        for (const step of planned) {
          const body = customer.status(m.id, step);
          webhooks.push({ id: m.id, type: 'message.updated', status: body.message.status, httpStatus: await post(target, body).catch(() => 0) });
        }
      }, 20);
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'POST' && path === '/v1/send') return send(req, Buffer.concat(chunks).toString('utf8'), res);
      if (req.method === 'GET' && path === '/v1/conversations') {
        if (req.headers.authorization !== `AccessKey ${opts.accessKey}`) return fail(res, { status: 401, code: 2, description: 'Request not allowed (incorrect access_key)', parameter: 'access_key' });
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ offset: 0, limit: 1, count: 1, totalCount: 1, items: [{ id: conversationId, status: 'active', channels: [{ id: opts.channelId, platformId: 'sms' }] }] }));
      }
      fail(res, { status: 404, code: 20, description: 'Not found' });
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    number: business,
    channelId: opts.channelId,
    sent,
    webhooks,
    customer,
    sign,
    /** Posts a signed webhook to `url` (signed over it) or to `o.via`; `attempts` repeats it, as MessageBird's retries do. */
    async deliver(url: string, body: unknown, o: { attempts?: number; via?: string; key?: string } = {}): Promise<number[]> {
      const out: number[] = [];
      for (let i = 0; i < (o.attempts ?? 1); i++) out.push(await post(url, body, o));
      return out;
    },
    setWebhookUrl(url: string | undefined) {
      webhookUrl = url;
    },
    setStatuses(next: MessageBirdStatus[]) {
      statuses = next;
    },
    failNext(e: MessageBirdError) {
      failures.push(e);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type MessageBirdFake = Awaited<ReturnType<typeof startMessageBirdFake>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const o = { accessKey: 'test_fakeMessageBirdAccessKey01', signingKey: 'messagebird-fake-signing-key', channelId: 'f'.repeat(32) };
  const fake = await startMessageBirdFake({ ...o, port: Number(process.argv[2] ?? 8087) });
  console.log(`MessageBird fake on ${fake.base}; set MESSAGEBIRD_API_URL=${fake.base}. Access key ${o.accessKey}, signing key ${o.signingKey}, channel ${o.channelId}`);
}
