/**
 * A local Messenger Platform (Graph API) for Messenger and Instagram: `POST /{ver}/{page-id | ig-id | me}/messages`
 * and `POST /{ver}/{node}/subscribed_apps`, served twice — once as graph.facebook.com, once as graph.instagram.com —
 * with Graph's error envelope, error injection (and usage headers on throttling), a 24-hour window per customer
 * that only HUMAN_AGENT passes, a CDN for inbound attachments, and the customer's side: webhooks built as Meta
 * sends them (serialised with \uXXXX escapes and `\/`, signed X-Hub-Signature-256 over those bytes), delivered
 * and re-delivered on non-2xx, plus the echoes Meta sends of the account's own messages.
 *
 * Standalone: `npx tsx test/fakes/messenger-platform.ts [port]`.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

type Json = Record<string, any>;
export type GraphHost = 'facebook' | 'instagram';

export interface GraphError {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
}

export interface GraphCall {
  host: GraphHost;
  version: string;
  node: string;
  edge: 'messages' | 'subscribed_apps';
  query: Record<string, string>;
  body: Json;
  /** The message_id answered (successful sends only). */
  messageId?: string;
}

export interface FakeAccount {
  /** The Page id (Messenger, Instagram through Facebook Login) or the Instagram account id. */
  id: string;
  token: string;
  /** The host its token is valid on. */
  host: GraphHost;
  /** For Instagram through Facebook Login: the Instagram account behind the Page (its webhooks' entry.id). */
  instagramId?: string;
}

/** Meta's webhook serialisation: non-ASCII as \uXXXX (UTF-16 units) and slashes escaped, so a re-serialised body never matches the signature. */
export function metaJson(body: unknown): string {
  return JSON.stringify(body)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

export const hubSignature = (appSecret: string, raw: string | Buffer) => `sha256=${crypto.createHmac('sha256', appSecret).update(raw).digest('hex')}`;

export async function startMessengerPlatformFake(opts: {
  accounts: FakeAccount[];
  port?: number;
  instagramPort?: number;
  deliveryAttempts?: number;
  appId?: string;
  /** Another Graph fake (WhatsApp's) that gets every request not for these accounts, so one META_GRAPH_URL serves both. */
  fallback?: string;
}) {
  const calls: GraphCall[] = [];
  const failures: Array<{ error: GraphError; status: number; headers?: Record<string, string> }> = [];
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  const closedWindows = new Map<string, { humanAgent: boolean }>();
  const recipients = new Map<string, string>();
  const webhooks = new Map<string, { url: string; appSecret: string; echoes: boolean }>();
  const pending = new Set<Promise<unknown>>();
  /** Every webhook POST made, with our answer. */
  const deliveries: Array<{ body: unknown; status: number }> = [];
  const deliveryAttempts = opts.deliveryAttempts ?? 3;
  const appId = opts.appId ?? '1517776481860111';
  let seq = 0;

  const answer = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const fail = (res: http.ServerResponse, status: number, e: GraphError, headers?: Record<string, string>) =>
    answer(res, status, { error: { type: 'OAuthException', ...e, fbtrace_id: crypto.randomBytes(8).toString('base64url') } }, headers);
  const midFor = (host: GraphHost) => (host === 'instagram' ? `aWdfZAG1faXRlbToxOklH${crypto.randomBytes(18).toString('base64url')}` : `m_${crypto.randomBytes(24).toString('base64url')}`);

  function accountFor(host: GraphHost, node: string, token: string): FakeAccount | undefined {
    const a = opts.accounts.find((x) => x.token === token && x.host === host);
    return a && (node === 'me' || node === a.id) ? a : undefined;
  }

  function handleMessages(res: http.ServerResponse, host: GraphHost, account: FakeAccount, call: GraphCall) {
    const b = call.body;
    const recipient = b.recipient ?? {};
    const message = b.message ?? {};
    if (!recipient.id && !recipient.comment_id) return fail(res, 400, { message: '(#100) The parameter recipient is required', code: 100 });
    if (recipient.id) {
      if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(b.messaging_type)) return fail(res, 400, { message: '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}', code: 100 });
      if (b.messaging_type === 'MESSAGE_TAG' && !b.tag) return fail(res, 400, { message: '(#100) Tag is required for MESSAGE_TAG messaging type', code: 100 });
      const closed = closedWindows.get(`${account.id}:${recipient.id}`);
      if (closed && !(closed.humanAgent && b.messaging_type === 'MESSAGE_TAG' && b.tag === 'HUMAN_AGENT')) {
        return fail(res, 400, { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 });
      }
    }
    const limit = host === 'instagram' || account.instagramId ? 1000 : 2000;
    if (message.text !== undefined && (typeof message.text !== 'string' || !message.text.trim())) return fail(res, 400, { message: '(#100) Message cannot be empty, must provide valid attachment or text', code: 100 });
    if (typeof message.text === 'string' && message.text.length > limit) return fail(res, 400, { message: `(#100) Length of param message[text] must be less than or equal to ${limit}`, code: 100 });
    if (message.text === undefined && !message.attachment?.type) return fail(res, 400, { message: '(#100) Message cannot be empty, must provide valid attachment or text', code: 100 });
    if (Array.isArray(message.quick_replies) && message.quick_replies.length > 13) return fail(res, 400, { message: '(#100) param message[quick_replies] must have at most 13 elements', code: 100 });
    const messageId = midFor(host);
    call.messageId = messageId;
    const to = recipient.id ? String(recipient.id) : `user-of-${recipient.comment_id}`;
    recipients.set(messageId, to);
    answer(res, 200, { recipient_id: to, message_id: messageId });
    const hookObject = account.instagramId || host === 'instagram' ? 'instagram' : 'page';
    if (webhooks.get(hookObject)?.echoes && recipient.id) {
      // Meta echoes the account's sends: Messenger with the app id and the metadata we set, Instagram with neither.
      const echo = { mid: messageId, is_echo: true, ...(message.text ? { text: message.text } : {}), ...(message.attachment ? { attachments: [message.attachment] } : {}), ...(host === 'facebook' && !account.instagramId ? { app_id: Number(appId), ...(message.metadata ? { metadata: message.metadata } : {}) } : {}) };
      const hooks = builders(account.instagramId ? { object: 'instagram', id: account.instagramId } : { object: host === 'instagram' ? 'instagram' : 'page', id: account.id });
      track(deliver(hooks.envelope([hooks.fromUs(String(recipient.id), { message: echo })])));
    }
  }

  function handle(host: GraphHost) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const cdn = /^\/cdn\/([^/]+)\//.exec(url.pathname);
        if (req.method === 'GET' && cdn) {
          const file = files.get(cdn[1]);
          if (!file || url.searchParams.get('oe') === null) return answer(res, 403, 'URL signature expired');
          return res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
        }
        const m = /^\/(v\d+\.\d+)\/([^/]+)\/(messages|subscribed_apps)$/.exec(url.pathname);
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || url.searchParams.get('access_token') || '';
        if (opts.fallback && (!m || req.method !== 'POST' || !accountFor(host, m[2], token))) return void proxy(req, res, Buffer.concat(chunks));
        if (req.method !== 'POST' || !m) return fail(res, 400, { message: `Unknown path components: ${url.pathname}`, code: 2500 });
        let body: Json = {};
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          body = text ? JSON.parse(text) : {};
        } catch {
          return fail(res, 400, { message: '(#100) Invalid JSON', code: 100 });
        }
        const call: GraphCall = { host, version: m[1], node: m[2], edge: m[3] as GraphCall['edge'], query: Object.fromEntries(url.searchParams), body };
        const account = accountFor(host, m[2], token);
        if (!account) return fail(res, 400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
        calls.push(call);
        const injected = failures.shift();
        if (injected) return fail(res, injected.status, injected.error, injected.headers);
        if (call.edge === 'subscribed_apps') return answer(res, 200, { success: true });
        handleMessages(res, host, account, call);
      });
    };
  }

  async function proxy(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    try {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const answered = await fetch(`${opts.fallback}${req.url}`, { method: req.method, headers, ...(body.length ? { body: new Uint8Array(body) } : {}) });
      res.writeHead(answered.status, Object.fromEntries([...answered.headers].filter(([k]) => !['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(k))));
      res.end(Buffer.from(await answered.arrayBuffer()));
    } catch (err) {
      fail(res, 502, { message: `The fallback Graph fake did not answer: ${(err as Error).message}`, code: 2, is_transient: true });
    }
  }

  const listen = async (port: number | undefined, host: GraphHost) => {
    const server = http.createServer(handle(host));
    await new Promise<void>((r) => server.listen(port ?? 0, '127.0.0.1', r));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const facebook = await listen(opts.port, 'facebook');
  const instagram = await listen(opts.instagramPort, 'instagram');

  const track = (p: Promise<unknown>) => {
    const q = p.catch(() => undefined).finally(() => pending.delete(q));
    pending.add(q);
  };

  /** Webhook bodies exactly as Meta builds them, for one account (a Page: `page`; an Instagram account: `instagram`). */
  function builders(account: { object: 'page' | 'instagram'; id: string }) {
    const now = () => Date.now();
    const fromUser = (user: string, event: Json) => ({ sender: { id: user }, recipient: { id: account.id }, timestamp: now(), ...event });
    const fromUs = (user: string, event: Json) => ({ sender: { id: account.id }, recipient: { id: user }, timestamp: now(), ...event });
    const mid = () => (account.object === 'instagram' ? `aWdfZAG1faXRlbToxOklH${crypto.randomBytes(18).toString('base64url')}` : `m_${crypto.randomBytes(24).toString('base64url')}`);
    return {
      fromUser,
      fromUs,
      mid,
      /** One POST: entries (each a list of messaging events, or `{ changes }`), as Meta batches them. */
      envelope: (...entries: Array<Json[] | { changes: Json[] }>) => ({
        object: account.object,
        entry: entries.map((e) => (Array.isArray(e) ? { id: account.id, time: now(), messaging: e } : { id: account.id, time: now(), changes: e.changes })),
      }),
      text: (user: string, text: string, o: { mid?: string; replyTo?: string; quickReply?: string } = {}) =>
        fromUser(user, { message: { mid: o.mid ?? mid(), text, ...(o.quickReply ? { quick_reply: { payload: o.quickReply } } : {}), ...(o.replyTo ? { reply_to: { mid: o.replyTo } } : {}) } }),
      attachments: (user: string, files: Array<{ type: string; url: string; title?: string }>, o: { mid?: string; text?: string } = {}) =>
        fromUser(user, { message: { mid: o.mid ?? mid(), ...(o.text ? { text: o.text } : {}), attachments: files.map((f) => ({ type: f.type, payload: { url: f.url, ...(f.title ? { title: f.title } : {}) } })) } }),
      postback: (user: string, payload: string, title: string, o: { mid?: string } = {}) => fromUser(user, { postback: { mid: o.mid ?? mid(), title, payload } }),
      delivery: (user: string, mids: string[], watermark = now()) => fromUser(user, { delivery: { mids, watermark } }),
      /** Messenger: a watermark; Instagram (`messaging_seen`): the message read. */
      read: (user: string, upTo: { watermark: number } | { mid: string }) => fromUser(user, { read: upTo }),
      reaction: (user: string, target: string, emoji: string | null, reaction = 'other') =>
        fromUser(user, { reaction: emoji ? { mid: target, action: 'react', reaction, emoji } : { mid: target, action: 'unreact' } }),
      edit: (user: string, target: string, text: string, numEdit = 1) => fromUser(user, { message_edit: { mid: target, text, num_edit: numEdit } }),
      /** A message the account sent from another client (the Page inbox, the Instagram app, another app). */
      echo: (user: string, text: string, o: { mid?: string; appId?: string; metadata?: string } = {}) =>
        fromUs(user, { message: { mid: o.mid ?? mid(), is_echo: true, text, ...(account.object === 'page' ? { app_id: Number(o.appId ?? '263902037430900'), ...(o.metadata ? { metadata: o.metadata } : {}) } : {}) } }),
      deleted: (user: string, target: string) => fromUser(user, { message: { mid: target, is_deleted: true } }),
      storyReply: (user: string, text: string, story: { id: string; url: string }, o: { mid?: string } = {}) => fromUser(user, { message: { mid: o.mid ?? mid(), text, reply_to: { story } } }),
      storyMention: (user: string, url: string, o: { mid?: string } = {}) => fromUser(user, { message: { mid: o.mid ?? mid(), attachments: [{ type: 'story_mention', payload: { url } }] } }),
      /** Facebook `feed` (item comment) or Instagram `comments`. */
      comment: (c: { id: string; from: { id: string; name?: string; username?: string }; text: string; postId?: string; mediaId?: string; verb?: 'add' | 'edited' | 'remove'; permalink?: string }) =>
        account.object === 'page'
          ? { field: 'feed', value: { from: { id: c.from.id, name: c.from.name }, post: { status_type: 'added_photos', is_published: true, updated_time: new Date().toISOString().replace(/\.\d+Z$/, '+0000'), permalink_url: c.permalink ?? `https://www.facebook.com/${account.id}/posts/${c.postId}`, promotion_status: 'inactive', id: `${account.id}_${c.postId}` }, message: c.text, post_id: `${account.id}_${c.postId}`, comment_id: c.id, created_time: Math.floor(now() / 1000), item: 'comment', parent_id: `${account.id}_${c.postId}`, verb: c.verb ?? 'add' } }
          : { field: 'comments', value: { from: { id: c.from.id, username: c.from.username }, media: { id: c.mediaId ?? '17900000000000001', media_product_type: 'FEED' }, id: c.id, text: c.text } },
    };
  }

  /** POSTs a webhook to the configured URL, signed over Meta's serialisation; a non-2xx answer is repeated. */
  async function deliver(body: unknown, o: { attempts?: number; signWith?: string } = {}): Promise<number[]> {
    const webhook = webhooks.get(String((body as Json).object));
    if (!webhook) throw new Error(`No webhook is set for ${(body as Json).object}: call setWebhook(url, appSecret)`);
    const raw = metaJson(body);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < (o.attempts ?? deliveryAttempts); attempt++) {
      const res = await fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(o.signWith ?? webhook.appSecret, raw) }, body: raw });
      await res.arrayBuffer();
      statuses.push(res.status);
      deliveries.push({ body, status: res.status });
      if (res.ok) break;
    }
    return statuses;
  }

  return {
    base: facebook.base,
    instagramBase: instagram.base,
    appId,
    calls,
    deliveries,
    builders,
    deliver,
    /**
     * Where webhooks go (of one object, `page` or `instagram`, or both), signed with this app secret; `echoes`:
     * deliver the echo of every send, as Meta does.
     */
    setWebhook(url: string, appSecret: string, o: { echoes?: boolean; object?: 'page' | 'instagram' } = {}) {
      for (const object of o.object ? [o.object] : ['page', 'instagram']) webhooks.set(object, { url, appSecret, echoes: o.echoes ?? false });
    },
    webhook: (object: 'page' | 'instagram') => webhooks.get(object) ?? null,
    /** The next Graph call answers with this error (HTTP 400 unless given), with these headers. */
    failNext(error: GraphError, o: { status?: number; headers?: Record<string, string> } = {}) {
      failures.push({ error, status: o.status ?? 400, headers: o.headers });
    },
    /** The customer's 24 h window is over: plain replies are refused (10/2018278); with humanAgent, HUMAN_AGENT tagged ones pass. */
    closeWindow(accountId: string, user: string, o: { humanAgent?: boolean } = {}) {
      closedWindows.set(`${accountId}:${user}`, { humanAgent: o.humanAgent ?? false });
    },
    /** The user a send went to, by the message_id we answered. */
    recipientOf: (messageId: string) => recipients.get(messageId),
    /** A file on the fake CDN, as the expiring URL a webhook attachment carries. */
    hostFile(bytes: Buffer, contentType: string, filename: string) {
      const id = `${++seq}${crypto.randomBytes(4).toString('hex')}`;
      files.set(id, { bytes, contentType });
      return `${facebook.base}/cdn/${id}/${encodeURIComponent(filename)}?_nc_cat=1&oh=${crypto.randomBytes(8).toString('hex')}&oe=${Math.floor(Date.now() / 1000 + 3600).toString(16)}`;
    },
    /** Waits for the echoes being delivered. */
    flush: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    close: async () => {
      await Promise.all([...pending]);
      await Promise.all([facebook.server, instagram.server].map((s) => new Promise<void>((r) => (s.close(() => r()), s.closeAllConnections()))));
    },
  };
}

export type MessengerPlatformFake = Awaited<ReturnType<typeof startMessengerPlatformFake>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? 8082);
  const fake = await startMessengerPlatformFake({
    port,
    instagramPort: port + 1,
    accounts: [
      { id: '104000000000001', token: 'EAAfakeMessengerPageTokenForLocalTesting0123', host: 'facebook' },
      { id: '178400000000001', token: 'IGQfakeInstagramUserTokenForLocalTesting0123', host: 'instagram' },
    ],
  });
  console.log(`Messenger Platform fake: META_GRAPH_URL=${fake.base} INSTAGRAM_GRAPH_URL=${fake.instagramBase}`);
}
