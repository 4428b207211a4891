/**
 * An external bot's webhook receiver: it checks X-Atiende-Signature (HMAC-SHA256 of the raw body with the bot's
 * secret) as an integrator's endpoint should, records what it got, and can be told to fail with a status or to hang.
 *
 * Standalone: `npx tsx test/fakes/bot-webhook.ts [port]` (secret from BOT_WEBHOOK_FAKE_SECRET).
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { pathToFileURL } from 'node:url';
import { startHttpFake, type FakeAnswer } from './http-fake.js';

export interface BotWebhookRequest {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  validSignature: boolean;
  status: number | 'hang';
}

export async function startBotWebhookFake(opts: { secret: string; port?: number }) {
  const requests: BotWebhookRequest[] = [];
  const plan: FakeAnswer[] = [];
  const signatureOf = (raw: Buffer) => `sha256=${crypto.createHmac('sha256', opts.secret).update(raw).digest('hex')}`;

  const fake = await startHttpFake(({ method, path, headers, raw, json }) => {
    if (method !== 'POST' || path !== '/bot') return { status: 404, body: { error: 'Not found' } };
    const given = String(headers['x-atiende-signature'] ?? '');
    const expected = signatureOf(raw);
    const validSignature = given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    const answer: FakeAnswer = !validSignature ? { status: 401, body: { error: 'Invalid signature' } } : plan.shift() ?? { status: 202, body: { received: true } };
    requests.push({ headers, raw: raw.toString('utf8'), body: json, validSignature, status: answer === 'hang' ? 'hang' : answer.status });
    return answer;
  }, opts.port);

  return {
    url: `${fake.base}/bot`,
    requests,
    /** The events accepted (valid signature, answered 2xx). */
    events: () => requests.filter((r) => typeof r.status === 'number' && r.status < 300).map((r) => r.body),
    /** The next deliveries answer these (a status with an optional body, or 'hang'); then 202 again. */
    failNext: (...answers: FakeAnswer[]) => void plan.push(...answers),
    close: fake.close,
  };
}

export type BotWebhookFake = Awaited<ReturnType<typeof startBotWebhookFake>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.BOT_WEBHOOK_FAKE_SECRET ?? 'fake-bot-webhook-secret';
  const fake = await startBotWebhookFake({ secret, port: Number(process.argv[2] ?? 8091) });
  console.log(`Webhook bot receiver on ${fake.url} (secret ${secret})`);
}
