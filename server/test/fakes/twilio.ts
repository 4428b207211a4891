/**
 * A local Twilio Programmable Messaging API: `POST /2010-04-01/Accounts/{AC}/Messages.json` (HTTP Basic auth,
 * form-encoded, 201 with the Message resource or Twilio's error JSON), `GET /2010-04-01/Accounts/{AC}.json`, MMS
 * media behind Basic auth, error injection, opt-outs (a customer's STOP makes later sends fail with 21610, as
 * Advanced Opt-Out does), and status callbacks to each send's StatusCallback. Plays the customer too: inbound
 * SMS/MMS webhooks signed with X-Twilio-Signature over the URL they are posted to, delivered and re-delivered.
 *
 * WhatsApp through Twilio (`whatsapp:+E164` addresses): the Content API's templates (twilio-content.ts), sends
 * by ContentSid and ContentVariables, and the 24-hour window: a free-form message (or a content not approved
 * for WhatsApp) to a customer who has not written in 24 hours is accepted, then fails with 63016 in its status
 * callback, as Twilio reports it.
 *
 * The signature is computed here independently of the adapter's code, as Twilio documents it: a shared helper
 * would let one mistake pass on both sides.
 *
 * Standalone: `npx tsx test/fakes/twilio.ts [port]`.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { contentStore, sampleContents, type ContentInput } from './twilio-content.js';

export { sampleContents };

export interface TwilioSent {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  mediaUrls: string[];
  statusCallback?: string;
  contentSid?: string;
  contentVariables?: Record<string, string>;
  /** Set when Twilio accepted the message but it failed (WhatsApp's window: 63016). */
  errorCode?: number;
}

export interface TwilioError {
  status: number;
  code: number;
  message: string;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

export interface TwilioDelivery {
  status: number;
  contentType: string;
  body: string;
}

const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const START = new Set(['START', 'YES', 'UNSTOP']);

const hex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');

/** X-Twilio-Signature as Twilio documents it: Base64(HMAC-SHA1(token, url + sorted name+value pairs)). */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return crypto.createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** A status callback the fake sends after a send: a status, with the error code Twilio gives failed and undelivered. */
export type TwilioCallback = string | { status: string; errorCode: number };

const WINDOW_MS = 24 * 60 * 60 * 1000;
const isWhatsApp = (address: string | null | undefined) => !!address?.startsWith('whatsapp:');

export async function startTwilioFake(opts: {
  accountSid: string;
  authToken: string;
  port?: number;
  statusCallbacks?: TwilioCallback[] | false;
  number?: string;
  contents?: ContentInput[];
  /** The fake's clock, for WhatsApp's 24-hour window. */
  now?: () => number;
}) {
  const now = opts.now ?? Date.now;
  const content = contentStore(opts.accountSid);
  content.set(opts.contents ?? []);
  /** When each WhatsApp customer last wrote (their window). */
  const lastInbound = new Map<string, number>();
  const contentCalls: string[] = [];
  const sent: TwilioSent[] = [];
  const failures: TwilioError[] = [];
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  const optedOut = new Set<string>();
  const callbacks: Array<{ url: string; sid: string; status: string; httpStatus: number }> = [];
  const business = opts.number ?? '+15005550006';
  let sequence: TwilioCallback[] = opts.statusCallbacks === false ? [] : (opts.statusCallbacks ?? ['sent', 'delivered']);
  const accountPath = `/2010-04-01/Accounts/${opts.accountSid}`;

  const answer = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const fail = (res: http.ServerResponse, e: TwilioError) =>
    answer(res, e.status, { code: e.code, message: e.message, more_info: `https://www.twilio.com/docs/errors/${e.code}`, status: e.status }, e.retryAfter ? { 'retry-after': String(e.retryAfter) } : {});
  const authorised = (req: http.IncomingMessage) => req.headers.authorization === `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;

  /** Signed over `url` (what Twilio was configured with), sent to `via` (a proxy in front of the app) or to `url`. */
  async function postSigned(url: string, params: Record<string, string>, headers: Record<string, string> = {}, via = url): Promise<TwilioDelivery> {
    const res = await fetch(via, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-twilio-signature': signTwilio(opts.authToken, url, params), 'user-agent': 'TwilioProxy/1.1', accept: '*/*', ...headers },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  const statusParams = (m: TwilioSent, status: string, errorCode?: number): Record<string, string> => ({
    SmsSid: m.sid, SmsStatus: status, MessageStatus: status, To: m.to, MessageSid: m.sid, AccountSid: opts.accountSid, From: m.from ?? business, ApiVersion: '2010-04-01',
    ...(m.messagingServiceSid ? { MessagingServiceSid: m.messagingServiceSid } : {}),
    ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
  });

  function createMessage(p: URLSearchParams, res: http.ServerResponse) {
    const injected = failures.shift();
    if (injected) return fail(res, injected);
    const to = p.get('To') ?? '';
    const from = p.get('From');
    const contentSid = p.get('ContentSid');
    const mediaUrls = p.getAll('MediaUrl');
    if (!to) return fail(res, { status: 400, code: 21604, message: "A 'To' phone number is required." });
    if (!/^\+[1-9]\d{6,14}$/.test(to.replace(/^whatsapp:/, ''))) return fail(res, { status: 400, code: 21211, message: `The 'To' number ${to} is not a valid phone number.` });
    if (!from && !p.get('MessagingServiceSid')) return fail(res, { status: 400, code: 21603, message: "A 'From' phone number is required." });
    if (from && isWhatsApp(from) !== isWhatsApp(to)) return fail(res, { status: 400, code: 21910, message: 'Invalid From and To pair. From and To should be of the same channel' });
    const rendered = contentSid ? content.render(contentSid, p.get('ContentVariables')) : null;
    if (rendered && 'code' in rendered) return fail(res, rendered);
    const body = rendered ? rendered.text : (p.get('Body') ?? '');
    if (!body && mediaUrls.length === 0) return fail(res, { status: 400, code: 21602, message: 'Message body is required.' });
    if (body.length > 1600) return fail(res, { status: 400, code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' });
    if (optedOut.has(to)) return fail(res, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    // WhatsApp: outside the customer's 24 hours only approved templates are delivered; Twilio accepts, then fails it.
    const windowOpen = now() - (lastInbound.get(to) ?? -Infinity) <= WINDOW_MS;
    const outsideWindow = isWhatsApp(to) && !windowOpen && !rendered?.approved;
    const m: TwilioSent = {
      sid: `${mediaUrls.length ? 'MM' : 'SM'}${hex(16)}`, to, from: from ?? undefined, messagingServiceSid: p.get('MessagingServiceSid') ?? undefined,
      body, mediaUrls, statusCallback: p.get('StatusCallback') ?? undefined,
      ...(contentSid ? { contentSid, contentVariables: JSON.parse(p.get('ContentVariables') || '{}') } : {}),
      ...(outsideWindow ? { errorCode: 63016 } : {}),
    };
    sent.push(m);
    const date = new Date(now()).toUTCString().replace('GMT', '+0000');
    answer(res, 201, {
      account_sid: opts.accountSid, api_version: '2010-04-01', body, date_created: date, date_sent: null, date_updated: date, direction: 'outbound-api',
      error_code: null, error_message: null, from: m.from ?? null, messaging_service_sid: m.messagingServiceSid ?? null, num_media: String(mediaUrls.length),
      num_segments: String(Math.max(1, Math.ceil(body.length / 153))), price: null, price_unit: 'USD', sid: m.sid, status: m.messagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `${accountPath}/Messages/${m.sid}/Media.json` }, to, uri: `${accountPath}/Messages/${m.sid}.json`,
    });
    if (m.statusCallback && sequence.length) {
      // After the answer, as Twilio does: one callback per status change (never for queued).
      const planned: TwilioCallback[] = outsideWindow ? [{ status: 'failed', errorCode: 63016 }] : sequence;
      setTimeout(async () => {
        for (const step of planned) {
          const { status, errorCode } = typeof step === 'string' ? { status: step, errorCode: undefined } : step;
          const r = await postSigned(m.statusCallback!, statusParams(m, status, errorCode)).catch(() => ({ status: 0 }));
          callbacks.push({ url: m.statusCallback!, sid: m.sid, status, httpStatus: r.status });
        }
      }, 20);
    }
  }

  const account = () => ({
    sid: opts.accountSid, owner_account_sid: opts.accountSid, friendly_name: 'Atiende (fake)', status: 'active', type: 'Full',
    date_created: 'Mon, 05 Jan 2026 10:00:00 +0000', date_updated: 'Mon, 05 Jan 2026 10:00:00 +0000', uri: `${accountPath}.json`,
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname;
      // Twilio checks the credentials first: a wrong SID or token is 401 whatever the resource.
      if (!authorised(req)) return fail(res, { status: 401, code: 20003, message: 'Authenticate' });
      if (req.method === 'GET' && path.startsWith('/v1/')) {
        contentCalls.push(`${path}${url.search}`);
        const found = content.answer(path, url.searchParams);
        if (found) return answer(res, found.status, found.body);
      }
      if (req.method === 'GET' && path === `${accountPath}.json`) return answer(res, 200, account());
      if (req.method === 'POST' && path === `${accountPath}/Messages.json`) return createMessage(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), res);
      const file = req.method === 'GET' ? media.get(path) : undefined;
      if (file) return res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
      fail(res, { status: 404, code: 20404, message: 'The requested resource was not found' });
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** The customer's side: the webhooks Twilio would post for them. */
  const customer = {
    /**
     * An inbound SMS (or MMS with media URLs from addMedia), as the form parameters Twilio posts. From a
     * `whatsapp:` address it is a WhatsApp message (and opens the customer's 24 hours), with WhatsApp's extras:
     * a tapped quick-reply button, a location, the message it quotes.
     */
    message(from: string, body: string, o: {
      sid?: string; media?: Array<{ url: string; contentType: string }>; to?: string; name?: string;
      button?: { payload: string; text: string }; location?: { latitude: number; longitude: number; label?: string; address?: string }; replyTo?: string;
    } = {}): Record<string, string> {
      const sid = o.sid ?? `${o.media?.length ? 'MM' : 'SM'}${hex(16)}`;
      const word = body.trim().toUpperCase();
      const whatsapp = isWhatsApp(from);
      if (STOP.has(word) && !whatsapp) optedOut.add(from);
      if (START.has(word)) optedOut.delete(from);
      if (whatsapp) lastInbound.set(from, now());
      const type = o.button ? 'button' : o.location ? 'location' : o.media?.length ? o.media[0].contentType.split('/')[0] : 'text';
      return {
        ToCountry: 'US', ToState: 'CA', SmsMessageSid: sid, NumMedia: String(o.media?.length ?? 0), ToCity: '', FromZip: '', SmsSid: sid, FromState: '',
        SmsStatus: 'received', FromCity: '', Body: body, FromCountry: 'ES', To: o.to ?? (whatsapp ? `whatsapp:${business}` : business), ToZip: '', NumSegments: '1', MessageSid: sid,
        AccountSid: opts.accountSid, From: from, ApiVersion: '2010-04-01',
        ...Object.fromEntries((o.media ?? []).flatMap((m, i) => [[`MediaContentType${i}`, m.contentType], [`MediaUrl${i}`, m.url]])),
        ...(whatsapp ? { ProfileName: o.name ?? 'Cliente WhatsApp', WaId: from.replace(/^whatsapp:\+/, ''), MessageType: type } : {}),
        ...(o.button ? { ButtonPayload: o.button.payload, ButtonText: o.button.text } : {}),
        ...(o.location ? { Latitude: String(o.location.latitude), Longitude: String(o.location.longitude), ...(o.location.label ? { Label: o.location.label } : {}), ...(o.location.address ? { Address: o.location.address } : {}) } : {}),
        ...(o.replyTo ? { OriginalRepliedMessageSid: o.replyTo, OriginalRepliedMessageSender: `whatsapp:${business}` } : {}),
      };
    },
    /** A status callback for one of our sends (or any sid). */
    status(sid: string, status: string, o: { errorCode?: number; to?: string } = {}) {
      const m = sent.find((s) => s.sid === sid) ?? { sid, to: o.to ?? '+34600000000', body: '', mediaUrls: [] };
      return statusParams(m, status, o.errorCode);
    },
  };

  return {
    base,
    accountSid: opts.accountSid,
    number: business,
    sent,
    callbacks,
    customer,
    optedOut,
    /** The account's Content templates (the Content API's); `setContents` replaces them and answers their sids. */
    contents: content.contents,
    setContents: (list: ContentInput[]) => content.set(list),
    /** The Content API requests received (path and query), oldest first. */
    contentCalls,
    /** The status callbacks later sends get (none: []). */
    setStatusCallbacks(next: TwilioCallback[]) {
      sequence = next;
    },
    /** The next send answers with this error. */
    failNext(error: TwilioError) {
      failures.push(error);
    },
    /** A media file behind Basic auth, as MMS media is; returns its URL. */
    addMedia(bytes: Buffer, contentType: string) {
      const path = `${accountPath}/Messages/MM${hex(16)}/Media/ME${hex(16)}`;
      media.set(path, { bytes, contentType });
      return `${base}${path}`;
    },
    sign: (url: string, params: Record<string, string>) => signTwilio(opts.authToken, url, params),
    /**
     * Posts a webhook signed over `url` (the number's webhook URL) to `o.via` or `url`; `attempts` repeats it, as
     * Twilio's retry after a timeout does.
     */
    async deliver(url: string, params: Record<string, string>, o: { attempts?: number; headers?: Record<string, string>; via?: string } = {}): Promise<TwilioDelivery[]> {
      const results: TwilioDelivery[] = [];
      for (let i = 0; i < (o.attempts ?? 1); i++) results.push(await postSigned(url, params, o.headers, o.via));
      return results;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type TwilioFake = Awaited<ReturnType<typeof startTwilioFake>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startTwilioFake({ accountSid: `AC${'0'.repeat(32)}`, authToken: 'f'.repeat(32), port: Number(process.argv[2] ?? 8085), contents: sampleContents() });
  console.log(`Twilio fake on ${fake.base} (account ${fake.accountSid}, auth token ${'f'.repeat(32)}); set TWILIO_API_URL=${fake.base}`);
}
