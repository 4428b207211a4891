/**
 * `npm run fakes`: the providers' local fakes as one standalone process, so the product can be tried end to
 * end on one machine. It prints the environment to give the server, and serves a small control API that
 * plays the customer's side.
 *
 *   POST /telegram/customer-says {"text": "Hola", "chatId"?: 880001, "name"?: "Lucía Gómez"}  → delivered to the webhook
 *   GET  /telegram/sent   → what the bot sent (sendMessage, sendPhoto, …)
 *   GET  /mail            → the mails the server sent (transcripts, invitations, password resets)
 */
import http from 'node:http';
import { startSmtpInbox } from './smtp-inbox.js';
import { startTelegramFake } from './telegram.js';

const CONTROL_PORT = Number(process.env.FAKES_PORT ?? 8090);
const token = process.env.TELEGRAM_FAKE_TOKEN ?? '123456789:AAFakeTokenForLocalTesting_0123456789';

const telegram = await startTelegramFake({ token, port: Number(process.env.TELEGRAM_FAKE_PORT ?? 8081) });
const smtp = await startSmtpInbox();

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

const send = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body, null, 2));

const control = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/telegram/customer-says') {
      const body = await readJson(req);
      if (typeof body.text !== 'string' || !body.text) return send(res, 400, { error: 'Expected {"text": "…"}' });
      if (!telegram.webhook()) return send(res, 409, { error: 'No webhook yet: create the Telegram channel in Atiende first (it calls setWebhook)' });
      const [first, ...rest] = String(body.name ?? 'Cliente Telegram').split(' ');
      const user = { id: Number(body.chatId ?? 880001), first_name: first, ...(rest.length ? { last_name: rest.join(' ') } : {}) };
      return send(res, 200, { statuses: await telegram.deliver(telegram.updates.text(user, body.text)) });
    }
    if (req.method === 'GET' && req.url === '/telegram/sent') return send(res, 200, telegram.calls.filter((c) => c.messageId));
    if (req.method === 'GET' && req.url === '/mail') return send(res, 200, smtp.mails);
    send(res, 404, { error: 'Try POST /telegram/customer-says, GET /telegram/sent or GET /mail' });
  } catch (err) {
    send(res, 500, { error: (err as Error).message });
  }
});
await new Promise<void>((resolve) => control.listen(CONTROL_PORT, '127.0.0.1', resolve));

console.log(`Provider fakes are running. Start Atiende with:

  TELEGRAM_API_URL=${telegram.base} SMTP_URL=${smtp.url} npm start

Then create a Telegram channel with the bot token ${token}
(POST /api/v1/channels {"type":"telegram","name":"Telegram","config":{},"secrets":{"botToken":"${token}"}}),
and play the customer:

  curl -X POST localhost:${CONTROL_PORT}/telegram/customer-says -H 'content-type: application/json' -d '{"text":"Hola, ¿tienen envíos?"}'
  curl localhost:${CONTROL_PORT}/telegram/sent      # what the agent's replies looked like to Telegram
  curl localhost:${CONTROL_PORT}/mail               # mails Atiende sent`);
