import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotWebhookFake, type BotWebhookFake } from '../../../../test/fakes/bot-webhook.js';
import { BotUnavailableError } from '../bot-engine.js';
import { deliverToWebhookBot, type WebhookBotEvent } from './webhook-bot.js';

const SECRET = 'whsec-bot-0123456789abcdef';

const event = (over: Partial<WebhookBotEvent> = {}): WebhookBotEvent => ({
  type: 'message',
  id: `evt-${crypto.randomUUID()}`,
  workspaceId: 3,
  conversationId: 4711,
  contact: { id: 88, name: 'Lucía Gómez', email: null, phone: '+573001234567' },
  message: { id: 9001, text: '¿Tienen envíos a Medellín?' },
  first: true,
  sentAt: '2025-03-14T15:09:26.000Z',
  ...over,
});

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BotUnavailableError);
  return err as BotUnavailableError;
};

describe('webhook bot delivery', () => {
  let bot: BotWebhookFake;
  const settings = () => ({ url: bot.url, secret: SECRET });
  beforeAll(async () => {
    bot = await startBotWebhookFake({ secret: SECRET });
  });
  afterAll(() => bot?.close());

  it('POSTs the turn as JSON, signed over the raw body, with the event id in its own header', async () => {
    const e = event({ message: { id: 9002, text: 'Envíos', payload: 'envios' } });
    await deliverToWebhookBot(settings(), e, { timeoutMs: 2000 });
    const got = bot.requests.at(-1)!;
    expect(got.validSignature).toBe(true);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-atiende-event-id']).toBe(e.id);
    expect(got.headers['x-atiende-signature']).toBe(`sha256=${crypto.createHmac('sha256', SECRET).update(got.raw).digest('hex')}`);
    expect(got.body).toEqual({
      type: 'message', id: e.id, workspaceId: 3, conversationId: 4711,
      contact: { id: 88, name: 'Lucía Gómez', email: null, phone: '+573001234567' },
      message: { id: 9002, text: 'Envíos', payload: 'envios' }, first: true, sentAt: '2025-03-14T15:09:26.000Z',
    });
    expect(bot.events().at(-1)).toEqual(got.body);
  });

  it('sends no payload key for a typed message, and nothing a caller adds beyond the contract', async () => {
    const e = { ...event(), internalNote: 'no debe salir', contact: { ...event().contact, secretsCiphertext: 'x' } } as WebhookBotEvent;
    await deliverToWebhookBot(settings(), e, { timeoutMs: 2000 });
    const body = bot.requests.at(-1)!.body;
    expect(body.message).toEqual({ id: 9001, text: '¿Tienen envíos a Medellín?' });
    expect(body).not.toHaveProperty('internalNote');
    expect(body.contact).not.toHaveProperty('secretsCiphertext');
  });

  it('a receiver that rejects the signature (another secret) is unavailable with 401', async () => {
    const err = await failure(deliverToWebhookBot({ url: bot.url, secret: 'not-the-secret' }, event(), { timeoutMs: 2000 }));
    expect(err.status).toBe(401);
    expect(bot.requests.at(-1)!.validSignature).toBe(false);
  });

  it('any non-2xx answer is unavailable with its status and a hint of the body', async () => {
    bot.failNext({ status: 500, body: { error: 'database down' } }, { status: 404, raw: 'no such route' }, { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    const e500 = await failure(deliverToWebhookBot(settings(), event(), { timeoutMs: 2000 }));
    expect([e500.status, e500.message]).toEqual([500, 'The webhook bot answered 500: {"error":"database down"}']);
    expect((await failure(deliverToWebhookBot(settings(), event(), { timeoutMs: 2000 }))).status).toBe(404);
    expect((await failure(deliverToWebhookBot(settings(), event(), { timeoutMs: 2000 }))).status).toBe(302);
  });

  it('a bot that does not answer in time is unavailable, within about the time-out', async () => {
    bot.failNext('hang');
    const started = performance.now();
    const err = await failure(deliverToWebhookBot(settings(), event(), { timeoutMs: 200 }));
    const elapsed = performance.now() - started;
    expect(err.message).toBe(`The webhook bot at ${new URL(bot.url).host} did not answer within 200 ms`);
    expect(err.status).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
  });

  it('an unreachable bot is unavailable, and the message does not carry the secret', async () => {
    const closed = await startBotWebhookFake({ secret: SECRET });
    await closed.close();
    const err = await failure(deliverToWebhookBot({ url: closed.url, secret: SECRET }, event(), { timeoutMs: 2000 }));
    expect(err.message).toMatch(/^Could not reach the webhook bot at 127\.0\.0\.1:\d+: ECONNREFUSED$/);
    expect(err.message).not.toContain(SECRET);
  });
});
