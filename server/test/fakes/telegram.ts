/**
 * A local Telegram Bot API: the methods Atiende calls (setWebhook, getWebhookInfo, sendMessage, sendPhoto,
 * sendDocument, answerCallbackQuery, getFile and the /file/bot<token>/<path> downloads) with Telegram's envelope
 * ({ok:true,result} / {ok:false,error_code,description,parameters}), error injection, and webhook delivery of
 * updates with the X-Telegram-Bot-Api-Secret-Token header, repeated on non-2xx as Telegram does.
 *
 * Standalone: `npx tsx test/fakes/telegram.ts [port]` (token from TELEGRAM_FAKE_TOKEN).
 */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

export interface TelegramCall {
  method: string;
  params: Record<string, any>;
  /** The message_id the fake answered with (sends only). */
  messageId?: number;
}

export interface TelegramError {
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface TelegramUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

const SEND_METHODS = new Set(['sendmessage', 'sendphoto', 'senddocument']);

export async function startTelegramFake(opts: { token: string; port?: number; deliveryAttempts?: number }) {
  const calls: TelegramCall[] = [];
  const failures: Array<{ method?: string; error: TelegramError }> = [];
  const files = new Map<string, { bytes: Buffer; path: string; uniqueId: string; contentType: string }>();
  let webhook: { url: string; secretToken?: string; allowedUpdates?: string[] } | null = null;
  let nextMessageId = 1000;
  let nextUpdateId = 500_000_000;
  const deliveryAttempts = opts.deliveryAttempts ?? 3;
  const deliveries: Array<{ updateId: number; status: number }> = [];

  const answer = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const fail = (res: http.ServerResponse, e: TelegramError) =>
    answer(res, e.error_code, { ok: false, error_code: e.error_code, description: e.description, ...(e.retry_after ? { parameters: { retry_after: e.retry_after } } : {}) });

  function parseParams(req: http.IncomingMessage, raw: Buffer): Record<string, any> | null {
    const type = String(req.headers['content-type'] ?? '');
    const text = raw.toString('utf8');
    if (!text) return {};
    if (type.includes('application/json')) {
      try {
        return JSON.parse(text);
      } catch {
        return null;
      }
    }
    if (type.includes('application/x-www-form-urlencoded')) {
      const out: Record<string, any> = {};
      for (const [k, v] of new URLSearchParams(text)) {
        try {
          out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
        } catch {
          out[k] = v;
        }
      }
      return out;
    }
    return null;
  }

  function handleMethod(method: string, p: Record<string, any>, res: http.ServerResponse) {
    const lower = method.toLowerCase();
    const injected = failures.findIndex((f) => !f.method || f.method.toLowerCase() === lower);
    if (injected >= 0 && lower !== 'setwebhook' && lower !== 'getwebhookinfo') {
      calls.push({ method, params: p });
      return fail(res, failures.splice(injected, 1)[0].error);
    }
    switch (lower) {
      case 'setwebhook': {
        if (p.url !== undefined && p.url !== '' && !/^https?:\/\//.test(String(p.url))) return fail(res, { error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host' });
        if (p.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(p.secret_token))) return fail(res, { error_code: 400, description: 'Bad Request: secret token contains unallowed characters' });
        webhook = p.url ? { url: String(p.url), secretToken: p.secret_token, allowedUpdates: p.allowed_updates } : null;
        calls.push({ method, params: p });
        return answer(res, 200, { ok: true, result: true, description: webhook ? 'Webhook was set' : 'Webhook was deleted' });
      }
      case 'getwebhookinfo':
        return answer(res, 200, { ok: true, result: { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0, allowed_updates: webhook?.allowedUpdates } });
      case 'answercallbackquery':
        if (!p.callback_query_id) return fail(res, { error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' });
        calls.push({ method, params: p });
        return answer(res, 200, { ok: true, result: true });
      case 'getfile': {
        const file = files.get(String(p.file_id ?? ''));
        if (!file) return fail(res, { error_code: 400, description: 'Bad Request: invalid file_id' });
        calls.push({ method, params: p });
        return answer(res, 200, { ok: true, result: { file_id: p.file_id, file_unique_id: file.uniqueId, file_size: file.bytes.length, file_path: file.path } });
      }
      default: {
        if (!SEND_METHODS.has(lower)) return fail(res, { error_code: 404, description: 'Not Found: method not found' });
        if (p.chat_id === undefined || p.chat_id === '') return fail(res, { error_code: 400, description: 'Bad Request: chat_id is empty' });
        if (lower === 'sendmessage' && !String(p.text ?? '').trim()) return fail(res, { error_code: 400, description: 'Bad Request: message text is empty' });
        if (lower === 'sendmessage' && String(p.text).length > 4096) return fail(res, { error_code: 400, description: 'Bad Request: message is too long' });
        if (lower === 'sendphoto' && !p.photo) return fail(res, { error_code: 400, description: 'Bad Request: there is no photo in the request' });
        if (lower === 'senddocument' && !p.document) return fail(res, { error_code: 400, description: 'Bad Request: there is no document in the request' });
        if (p.caption && String(p.caption).length > 1024) return fail(res, { error_code: 400, description: 'Bad Request: message caption is too long' });
        const messageId = ++nextMessageId;
        calls.push({ method, params: p, messageId });
        const chat = { id: Number(p.chat_id), type: 'private' };
        return answer(res, 200, {
          ok: true,
          result: {
            message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from: { id: Number(opts.token.split(':')[0]), is_bot: true, first_name: 'Atiende' },
            ...(p.text ? { text: p.text } : {}), ...(p.caption ? { caption: p.caption } : {}), ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
          },
        });
      }
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (fileMatch) {
        if (fileMatch[1] !== opts.token) return fail(res, { error_code: 401, description: 'Unauthorized' });
        const file = [...files.values()].find((f) => f.path === decodeURIComponent(fileMatch[2]));
        if (!file) return fail(res, { error_code: 404, description: 'Not Found' });
        return res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
      }
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (!m) return fail(res, { error_code: 404, description: 'Not Found' });
      if (m[1] !== opts.token) return fail(res, { error_code: 401, description: 'Unauthorized' });
      const params = parseParams(req, Buffer.concat(chunks));
      if (!params) return fail(res, { error_code: 400, description: 'Bad Request: the fake understands JSON and form bodies only' });
      for (const [k, v] of url.searchParams) params[k] ??= v;
      handleMethod(m[2], params, res);
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const botUser = { id: Number(opts.token.split(':')[0]), is_bot: true, first_name: 'Atiende' };
  const chatOf = (u: TelegramUser) => ({ id: u.id, type: 'private' as const, first_name: u.first_name, ...(u.last_name ? { last_name: u.last_name } : {}), ...(u.username ? { username: u.username } : {}) });
  const fromOf = (u: TelegramUser) => ({ ...u, is_bot: false, language_code: 'es' });
  const now = () => Math.floor(Date.now() / 1000);

  /** Realistic Update objects, as Telegram would POST them. */
  const updates = {
    text: (u: TelegramUser, text: string, o: { messageId?: number; replyTo?: number } = {}) => ({
      update_id: ++nextUpdateId,
      message: {
        message_id: o.messageId ?? ++nextMessageId, from: fromOf(u), chat: chatOf(u), date: now(), text,
        ...(o.replyTo ? { reply_to_message: { message_id: o.replyTo, chat: chatOf(u), date: now() - 60, from: botUser, text: '…' } } : {}),
      },
    }),
    photo: (u: TelegramUser, fileId: string, caption?: string, o: { messageId?: number } = {}) => {
      const f = files.get(fileId)!;
      return {
        update_id: ++nextUpdateId,
        message: {
          message_id: o.messageId ?? ++nextMessageId, from: fromOf(u), chat: chatOf(u), date: now(), ...(caption ? { caption } : {}),
          photo: [
            { file_id: `${fileId}-thumb`, file_unique_id: `${f.uniqueId}-t`, file_size: 1200, width: 90, height: 90 },
            { file_id: fileId, file_unique_id: f.uniqueId, file_size: f.bytes.length, width: 1280, height: 960 },
          ],
        },
      };
    },
    document: (u: TelegramUser, fileId: string, caption?: string, o: { messageId?: number } = {}) => {
      const f = files.get(fileId)!;
      return {
        update_id: ++nextUpdateId,
        message: {
          message_id: o.messageId ?? ++nextMessageId, from: fromOf(u), chat: chatOf(u), date: now(), ...(caption ? { caption } : {}),
          document: { file_id: fileId, file_unique_id: f.uniqueId, file_name: f.path.split('/').pop(), mime_type: f.contentType, file_size: f.bytes.length },
        },
      };
    },
    edited: (u: TelegramUser, messageId: number, text: string) => ({
      update_id: ++nextUpdateId,
      edited_message: { message_id: messageId, from: fromOf(u), chat: chatOf(u), date: now() - 30, edit_date: now(), text },
    }),
    callback: (u: TelegramUser, data: string, o: { queryId?: string; onMessage?: { id: number; buttons: Array<{ text: string; data: string }> } } = {}) => ({
      update_id: ++nextUpdateId,
      callback_query: {
        id: o.queryId ?? String(BigInt(u.id) * 1000n + BigInt(++nextMessageId)),
        from: fromOf(u),
        chat_instance: String(-u.id),
        data,
        ...(o.onMessage
          ? { message: { message_id: o.onMessage.id, from: botUser, chat: chatOf(u), date: now() - 10, text: '…', reply_markup: { inline_keyboard: [o.onMessage.buttons.map((b) => ({ text: b.text, callback_data: b.data }))] } } }
          : {}),
      },
    }),
    reaction: (u: TelegramUser, messageId: number, emoji: string | null) => ({
      update_id: ++nextUpdateId,
      message_reaction: { chat: chatOf(u), message_id: messageId, user: fromOf(u), date: now(), old_reaction: [], new_reaction: emoji ? [{ type: 'emoji', emoji }] : [] },
    }),
  };

  return {
    base,
    token: opts.token,
    calls,
    deliveries,
    updates,
    webhook: () => webhook,
    /** The next call (of this method, or any send/getFile) answers with this error. */
    failNext(error: TelegramError, method?: string) {
      failures.push({ method, error });
    },
    /** A file the bot can fetch with getFile; returns its file_id. */
    addFile(bytes: Buffer, contentType: string, filename: string) {
      const fileId = `AgAC${crypto.randomBytes(12).toString('base64url')}`;
      files.set(fileId, { bytes, contentType, uniqueId: crypto.randomBytes(6).toString('hex'), path: `${contentType.startsWith('image/') ? 'photos' : 'documents'}/file_${files.size}_${filename}` });
      return fileId;
    },
    /** POSTs an update to the webhook as Telegram does; a non-2xx answer is repeated (up to deliveryAttempts). */
    async deliver(update: { update_id: number }): Promise<number[]> {
      if (!webhook) throw new Error('No webhook is set');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < deliveryAttempts; attempt++) {
        const res = await fetch(webhook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(webhook.secretToken ? { 'x-telegram-bot-api-secret-token': webhook.secretToken } : {}) },
          body: JSON.stringify(update),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
        deliveries.push({ updateId: update.update_id, status: res.status });
        if (res.ok) break;
      }
      return statuses;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type TelegramFake = Awaited<ReturnType<typeof startTelegramFake>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const token = process.env.TELEGRAM_FAKE_TOKEN ?? '123456789:AAFakeTokenForLocalTesting_0123456789';
  const fake = await startTelegramFake({ token, port: Number(process.argv[2] ?? 8081) });
  console.log(`Telegram Bot API fake on ${fake.base} (token ${token}); set TELEGRAM_API_URL=${fake.base}`);
}
