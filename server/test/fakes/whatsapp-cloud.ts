/**
 * A local WhatsApp Business Cloud API (Meta Graph): `POST /{ver}/{phone-number-id}/messages`, `GET /{ver}/{media-id}`
 * and its bearer-protected five-minute download URL, `GET /{ver}/{waba-id}/message_templates` (paged),
 * `GET /{ver}/{phone-number-id}`, `POST /{ver}/{waba-id}/subscribed_apps` and the phone-number callback override
 * (verified with a hub.challenge GET, as Meta does). Errors in Graph's envelope, injected synchronously or as a
 * later `failed` status; status webhooks after each send; and the customer's side: webhooks built and signed
 * exactly as Meta sends them (non-ASCII escaped as \uXXXX, X-Hub-Signature-256 over those bytes), re-delivered on
 * any answer but 200.
 *
 * Standalone: `npx tsx test/fakes/whatsapp-cloud.ts [port]`.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { hubSignature, metaJson, newWamid, whatsappWebhooks } from './whatsapp-webhooks.js';

type Json = Record<string, any>;

export interface GraphError {
  code: number;
  message: string;
  details?: string;
  /** The HTTP status of a synchronous error (Graph: 400 for most, 401 for tokens, 429/500/503…). */
  httpStatus?: number;
  /** Answer 200 with a wamid, then deliver a `failed` status carrying this error (131047, 131026, 131049 do that). */
  async?: boolean;
  headers?: Record<string, string>;
}

export interface WhatsAppCall {
  method: string;
  path: string;
  body: Json | null;
  /** The wamid the fake answered with (sends only). */
  messageId?: string;
}

export interface WhatsAppFakeOptions {
  accessToken: string;
  appSecret: string;
  phoneNumberId: string;
  businessAccountId: string;
  displayPhoneNumber?: string;
  port?: number;
  /** How many times a webhook is POSTed while our server answers anything but 200. */
  deliveryAttempts?: number;
  /** Receipts delivered after each accepted send (none: `[]`). */
  autoStatuses?: Array<'sent' | 'delivered' | 'read'>;
  statusDelayMs?: number;
}

export { hubSignature, metaJson } from './whatsapp-webhooks.js';

export async function startWhatsAppCloudFake(opts: WhatsAppFakeOptions) {
  const calls: WhatsAppCall[] = [];
  const failures: Array<GraphError | undefined> = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string; filename: string }>();
  const downloads = new Map<string, { mediaId: string; expires: number }>();
  let templates: Json[] = [];
  let webhook: { url: string; verifyToken?: string } | null = null;
  let subscribed = false;
  let seq = 0;
  const deliveries: Array<{ status: number; body: string }> = [];
  const pending = new Set<Promise<unknown>>();
  const display = opts.displayPhoneNumber ?? '15550001111';
  const deliveryAttempts = opts.deliveryAttempts ?? 3;
  const autoStatuses = opts.autoStatuses ?? ['sent', 'delivered'];

  const answer = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const graphError = (res: http.ServerResponse, e: GraphError) =>
    answer(res, e.httpStatus ?? (e.code === 190 ? 401 : 400), {
      error: {
        message: `(#${e.code}) ${e.message}`, type: 'OAuthException', code: e.code,
        ...(e.details ? { error_data: { messaging_product: 'whatsapp', details: e.details } } : {}),
        fbtrace_id: crypto.randomBytes(9).toString('base64url'),
      },
    }, e.headers);
  const invalid = (res: http.ServerResponse, details: string) => graphError(res, { code: 100, message: 'Invalid parameter', details });

  const customer = whatsappWebhooks({ ...opts, displayPhoneNumber: display }, (id) => media.get(id));
  const { envelope, statusValue } = customer;

  /** POSTs a webhook, signed, as Meta does; anything but 200 is re-delivered (up to deliveryAttempts). */
  async function deliver(body: Json, to?: string): Promise<number[]> {
    const url = to ?? webhook?.url;
    if (!url) throw new Error('No callback URL: set one with setWebhook() or the phone-number override');
    const raw = metaJson(body);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < deliveryAttempts; attempt++) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(opts.appSecret, raw) }, body: raw });
      const text = await res.text();
      statuses.push(res.status);
      deliveries.push({ status: res.status, body: text });
      if (res.status === 200) break;
    }
    return statuses;
  }

  /** Receipts for an accepted send, each in its own webhook, after a short delay (Meta sends them asynchronously). */
  function afterSend(id: string, to: string, error?: GraphError) {
    if (!webhook) return;
    const steps: Array<[string, GraphError?]> = error ? [['failed', error]] : autoStatuses.map((s) => [s]);
    const run = (async () => {
      for (const [status, e] of steps) {
        await new Promise((r) => setTimeout(r, opts.statusDelayMs ?? 300));
        await deliver(envelope(statusValue(id, status, to, e))).catch(() => {});
      }
    })();
    pending.add(run);
    void run.finally(() => pending.delete(run));
  }

  /** Meta's check of a callback URL: GET with hub.* parameters, the challenge echoed as the body. */
  async function verifyCallback(url: string, verifyToken: string) {
    const challenge = String(crypto.randomInt(1e9, 2e9));
    const u = new URL(url);
    u.searchParams.set('hub.mode', 'subscribe');
    u.searchParams.set('hub.challenge', challenge);
    u.searchParams.set('hub.verify_token', verifyToken);
    try {
      const res = await fetch(u);
      const body = await res.text();
      return res.status === 200 && body === challenge ? null : `The callback URL or verify token couldn't be validated (HTTP ${res.status})`;
    } catch (err) {
      return `The callback URL couldn't be reached: ${(err as Error).message}`;
    }
  }

  // ── the Graph API ───────────────────────────────────────────────────────────────────────────────
  function validateSend(b: Json): string | null {
    if (b.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
    if (b.status === 'read') return typeof b.message_id === 'string' ? null : 'message_id is required';
    if (!/^\+?\d{6,15}$/.test(String(b.to ?? ''))) return 'Invalid to: expected a phone number or wa_id';
    const o = b[b.type];
    switch (b.type) {
      case 'text':
        return !o?.body ? 'text.body is required' : o.body.length > 4096 ? 'text.body is too long (4096)' : null;
      case 'image': case 'video': case 'audio': case 'document': case 'sticker':
        if (!o?.link && !o?.id) return `${b.type}.link or ${b.type}.id is required`;
        return o.caption && o.caption.length > 1024 ? 'caption is too long (1024)' : null;
      case 'interactive': {
        const buttons = o?.action?.buttons;
        if (o?.type === 'button') return !Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3 || buttons.some((x: Json) => !x.reply?.id || !x.reply?.title || x.reply.title.length > 20) ? 'interactive.action.buttons: 1 to 3 reply buttons with id and a title of up to 20 characters' : null;
        if (o?.type === 'list') {
          const rows = (o.action?.sections ?? []).flatMap((s: Json) => s.rows ?? []);
          return !o.action?.button || rows.length < 1 || rows.length > 10 || rows.some((r: Json) => !r.id || !r.title || r.title.length > 24) ? 'interactive.action: a button label and 1 to 10 rows with id and a title of up to 24 characters' : null;
        }
        return 'interactive.type must be button or list';
      }
      case 'template': {
        const t = templates.find((x) => x.name === o?.name && x.language === o?.language?.code);
        if (!t) return `template ${o?.name} (${o?.language?.code}) does not exist`;
        return null;
      }
      default:
        return `Unsupported type ${b.type}`;
    }
  }

  function handleGraph(req: http.IncomingMessage, url: URL, body: Json | null, res: http.ServerResponse) {
    const parts = url.pathname.split('/').filter(Boolean); // [v23.0, id, edge?]
    if (!/^v\d+\.\d+$/.test(parts[0] ?? '')) return answer(res, 400, { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } });
    const [, id, edge] = parts;
    const call: WhatsAppCall = { method: req.method ?? 'GET', path: url.pathname + url.search, body };
    if (req.headers.authorization !== `Bearer ${opts.accessToken}`) {
      calls.push(call);
      return graphError(res, { code: 190, message: 'Invalid OAuth access token - Cannot parse access token', httpStatus: 401 });
    }
    calls.push(call);
    if (id === opts.phoneNumberId && edge === 'messages' && req.method === 'POST') {
      if (!body) return invalid(res, 'The request body must be JSON');
      const problem = validateSend(body);
      if (problem) return invalid(res, problem);
      if (body.status === 'read') return answer(res, 200, { success: true });
      const injected = failures.shift();
      if (injected && !injected.async) return graphError(res, injected);
      const messageId = newWamid();
      call.messageId = messageId;
      answer(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: String(body.to).replace(/^\+/, '') }], messages: [{ id: messageId, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }] });
      return afterSend(messageId, String(body.to), injected);
    }
    if (id === opts.phoneNumberId && !edge && req.method === 'GET') {
      return answer(res, 200, { verified_name: 'Atiende Demo', display_phone_number: display, id, quality_rating: 'GREEN', code_verification_status: 'VERIFIED' });
    }
    if (id === opts.phoneNumberId && !edge && req.method === 'POST' && body?.webhook_configuration) {
      const { override_callback_uri: uri, verify_token: token } = body.webhook_configuration as Json;
      if (typeof uri !== 'string' || !/^https?:\/\//.test(uri) || uri.length > 200) return invalid(res, 'webhook_configuration.override_callback_uri must be a URL of at most 200 characters');
      return void verifyCallback(uri, String(token ?? '')).then((problem) => {
        if (problem) return graphError(res, { code: 2200, message: `Callback verification failed with the following errors: ${problem}` });
        webhook = { url: uri, verifyToken: String(token) };
        answer(res, 200, { success: true });
      });
    }
    if (id === opts.businessAccountId && edge === 'subscribed_apps' && req.method === 'POST') {
      subscribed = true;
      return answer(res, 200, { success: true });
    }
    if (id === opts.businessAccountId && edge === 'message_templates' && req.method === 'GET') {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100);
      const start = url.searchParams.get('after') ? Number(Buffer.from(url.searchParams.get('after')!, 'base64url').toString()) : 0;
      const page = templates.slice(start, start + limit);
      const end = start + page.length;
      const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
      const next = new URL(url.toString());
      next.searchParams.set('after', cursor(end));
      return answer(res, 200, {
        data: page,
        paging: { cursors: { before: cursor(start), after: cursor(end) }, ...(end < templates.length ? { next: `https://graph.facebook.com${next.pathname}${next.search}` } : {}) },
      });
    }
    const file = id ? media.get(id) : undefined;
    if (file && !edge && req.method === 'GET') {
      const token = crypto.randomBytes(16).toString('hex');
      downloads.set(token, { mediaId: id, expires: Date.now() + 5 * 60_000 });
      return answer(res, 200, {
        messaging_product: 'whatsapp', url: `${base}/whatsapp_business/attachments/?mid=${id}&ext=${token}`, mime_type: file.mimeType,
        sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'), file_size: String(file.bytes.length), id,
      });
    }
    return answer(res, 400, { error: { message: `Unsupported ${req.method?.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, type: 'GraphMethodException', code: 100, error_subcode: 33 } });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/whatsapp_business/attachments/') {
        // The download URL answers only with the bearer token, and for five minutes.
        const d = downloads.get(url.searchParams.get('ext') ?? '');
        if (req.headers.authorization !== `Bearer ${opts.accessToken}`) return answer(res, 401, { error: { message: 'Unauthorized', code: 190 } });
        if (!d || d.expires < Date.now()) return answer(res, 404, { error: { message: 'URL expired', code: 100 } });
        const file = media.get(d.mediaId)!;
        return res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length }).end(file.bytes);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Json | null = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return invalid(res, 'The request body is not valid JSON');
        }
      }
      handleGraph(req, url, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    calls,
    deliveries,
    customer,
    /** Accepted sends (text, media, interactive, template), oldest first. */
    sends: () => calls.filter((c) => c.messageId),
    webhook: () => webhook,
    subscribed: () => subscribed,
    /** The callback URL set in the App Dashboard (by hand), with its verify token. */
    setWebhook(url: string | null, verifyToken?: string) {
      webhook = url ? { url, verifyToken } : null;
    },
    /** The next send (or the one after `after` accepted sends) answers with this error (or, with `async`, fails later by a status webhook). */
    failNext(error: GraphError, after = 0) {
      failures.push(...Array<undefined>(after).fill(undefined), error);
    },
    /** A file the customer sent: its media id. */
    hostMedia(bytes: Buffer, mimeType: string, filename: string) {
      const id = String(1_000_000_000_000 + ++seq * 7919);
      media.set(id, { bytes, mimeType, filename });
      return id;
    },
    /** Makes every download URL handed out so far expire (five minutes passed). */
    expireDownloads() {
      for (const d of downloads.values()) d.expires = 0;
    },
    setTemplates(list: Json[]) {
      templates = list;
    },
    deliver,
    /** Signs a raw body as Meta would. */
    sign: (raw: string | Buffer) => hubSignature(opts.appSecret, raw),
    /** Waits until the status webhooks of past sends were delivered. */
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    close: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type WhatsAppCloudFake = Awaited<ReturnType<typeof startWhatsAppCloudFake>>;

/** Approved templates as `GET /{waba}/message_templates` lists them. */
export const sampleTemplates = (): Json[] => [
  {
    name: 'order_update', language: 'es', status: 'APPROVED', category: 'UTILITY', id: '594425479261596', parameter_format: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Tu pedido' },
      { type: 'BODY', text: 'Hola {{1}}, tu pedido {{2}} está en camino.', example: { body_text: [['Ana', '4417']] } },
      { type: 'FOOTER', text: 'Atiende' },
    ],
  },
  {
    name: 'order_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', id: '594425479261597', parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is on its way.' }],
  },
  {
    name: 'reengage', language: 'es', status: 'APPROVED', category: 'MARKETING', id: '594425479261598', parameter_format: 'POSITIONAL',
    components: [{ type: 'BODY', text: '¿Seguimos con tu consulta? Responde a este mensaje.' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Sí' }] }],
  },
  { name: 'promo_old', language: 'es', status: 'REJECTED', category: 'MARKETING', id: '594425479261599', components: [{ type: 'BODY', text: 'Oferta' }] },
];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startWhatsAppCloudFake({
    accessToken: process.env.WHATSAPP_FAKE_TOKEN ?? 'EAAFakeWhatsAppAccessTokenForLocalTesting0123',
    appSecret: process.env.WHATSAPP_FAKE_APP_SECRET ?? '0123456789abcdef0123456789abcdef',
    phoneNumberId: '106540352242922',
    businessAccountId: '102290129340398',
    port: Number(process.argv[2] ?? 8082),
  });
  fake.setTemplates(sampleTemplates());
  console.log(`WhatsApp Cloud API fake on ${fake.base}; set META_GRAPH_URL=${fake.base}`);
}
