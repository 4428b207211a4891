import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { telegramAdapter, TELEGRAM_ALLOWED_UPDATES } from './telegram.adapter.js';
import { startTelegramFake, type TelegramFake, type TelegramUser } from '../../../../test/fakes/telegram.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { ChannelSendError } from '../channel.js';

const TOKEN = '7012345678:AAHfakeTelegramBotTokenForTests_0123';

interface TelegramChannel {
  id: number;
  secretToken: string;
}

async function createTelegramChannel(t: TestApp, admin: Session): Promise<TelegramChannel> {
  const res = await t.server.app.inject({
    method: 'POST', url: '/api/v1/channels', headers: admin.headers,
    payload: { type: 'telegram', name: 'Telegram soporte', config: { botUsername: 'atiende_soporte_bot' }, secrets: { botToken: TOKEN } },
  });
  if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, secretToken: res.json().secret };
}

const userOf = (customer: string): TelegramUser => ({ id: Number(customer), first_name: 'Cliente', last_name: customer.slice(-4) });

/** The contract's view of the Telegram fake. */
function contractFake(fake: TelegramFake): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        fake.failNext({ error_code: 502, description: 'Bad Gateway' });
        return { providerCode: '502', text: /Bad Gateway/ };
      }
      if (kind === 'rate_limited') {
        fake.failNext({ error_code: 429, description: 'Too Many Requests: retry after 3', retry_after: 3 });
        return { providerCode: '429', text: /Too Many Requests/, retryAfterMs: 3000 };
      }
      fake.failNext({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      return { providerCode: '403', text: /Forbidden: bot was blocked by the user/ };
    },
    sentTo: (customer) =>
      fake.calls
        .filter((c) => c.messageId && String(c.params.chat_id) === customer)
        .map((c) => ({
          text: String(c.params.text ?? c.params.caption ?? ''),
          ...(c.params.reply_markup ? { buttons: c.params.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text) } : {}),
          ...(c.params.photo || c.params.document ? { media: [c.params.photo ?? c.params.document] } : {}),
        })),
    hostFile: (bytes, contentType, filename) => fake.addFile(bytes, contentType, filename),
    close: () => fake.close(),
  };
}

let fake: TelegramFake;
const messageIds = new Map<string, number>();
const msgId = (id: string) => messageIds.get(id) ?? (messageIds.set(id, 5000 + messageIds.size), messageIds.get(id)!);

runChannelContract<TelegramChannel>('telegram', {
  adapter: telegramAdapter,
  async startFake() {
    fake = await startTelegramFake({ token: TOKEN });
    return { fake: contractFake(fake), env: { TELEGRAM_API_URL: fake.base } };
  },
  createChannel: (t, admin) => createTelegramChannel(t, admin),
  sign: (c, _raw, opts) => ({ 'x-telegram-bot-api-secret-token': opts?.bad ? `${c.secretToken.slice(0, -1)}X` : c.secretToken }),
  build: {
    message: (_c, e) => fake.updates.text(userOf(e.customer), e.text, { messageId: msgId(e.id) }),
    media: (_c, e) => fake.updates.document(userOf(e.customer), e.file, e.text, { messageId: msgId(e.id) }),
    interactive_reply: (_c, e) =>
      fake.updates.callback(userOf(e.customer), e.payload, { queryId: e.id, onMessage: { id: 77, buttons: [{ text: e.title, data: e.payload }, { text: 'No', data: 'NO' }] } }),
    reaction: (_c, e) => fake.updates.reaction(userOf(e.customer), msgId(e.targetId), e.emoji),
    edit: (_c, e) => fake.updates.edited(userOf(e.customer), msgId(e.id), e.text),
  },
  skip: {
    handshake: 'Telegram has no verification GET: the webhook is registered with setWebhook and authenticated by its secret_token',
    batch: 'Telegram POSTs exactly one Update per webhook request',
    read: 'bots get no read receipts',
    echo: 'the Bot API does not report messages the business sent from other clients',
    status_order: 'bots get no delivery or read receipts: the send call\'s answer is the only status',
  },
});

describeEachDriver('telegram channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let tg: TelegramFake;
  let channel: TelegramChannel;
  const opts = () => ({ timeoutMs: 5000, config: t.config });
  const record = async () => (await loadChannelWithSecrets(t.ctx, channel.id))!;

  beforeAll(async () => {
    tg = await startTelegramFake({ token: TOKEN, deliveryAttempts: 3 });
    t = await createTestApp(driver, { env: { TELEGRAM_API_URL: tg.base } });
    ({ owner } = await createWorkspace(t));
    channel = await createTelegramChannel(t, owner);
    await t.server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
    await tg.close();
  });

  it('registers the webhook with its secret token, then takes updates Telegram delivers and re-delivers', async () => {
    const url = `http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}/hooks/telegram/${channel.id}`;
    await telegramAdapter.connect!(await record(), { url }, opts());
    expect(tg.webhook()).toEqual({ url, secretToken: channel.secretToken, allowedUpdates: TELEGRAM_ALLOWED_UPDATES });

    const update = tg.updates.text({ id: 880001, first_name: 'Lucía', last_name: 'Gómez', username: 'luciag' }, 'Hola, ¿tienen envío a Maracaibo?');
    expect(await tg.deliver(update)).toEqual([200]);
    expect(await tg.deliver(update)).toEqual([200]); // Telegram repeats an update it thinks was lost
    const rows = await queryRows<{ body: string; external_id: string; name: string }>(t.ctx.db, sql`
      SELECT m.body, m.external_id, c.name FROM messages m JOIN contacts c ON c.id = m.sender_id WHERE m.channel_id = ${channel.id}`);
    expect(rows).toEqual([{ body: 'Hola, ¿tienen envío a Maracaibo?', external_id: `880001:${update.message.message_id}`, name: 'Lucía Gómez' }]);
  });

  it('an update with a wrong secret token is refused (401, nothing stored) and Telegram\'s repeats succeed once the secret matches', async () => {
    const url = `http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}/hooks/telegram/${channel.id}`;
    const stale = { ...(await record()), secrets: { ...(await record()).secrets!, secretToken: 'stale-secret-token-0123456789' } };
    await telegramAdapter.connect!(stale, { url }, opts());
    const update = tg.updates.text({ id: 880002, first_name: 'Eva' }, 'mensaje con secreto viejo');
    expect(await tg.deliver(update)).toEqual([401, 401, 401]);
    const count = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE body = 'mensaje con secreto viejo'`))[0].n;
    expect(await count()).toBe(0);
    await telegramAdapter.connect!(await record(), { url }, opts());
    expect(await tg.deliver(update)).toEqual([200]);
    expect(await count()).toBe(1);
  });

  it('stores a photo\'s largest size, the caption as text, and a reply\'s quoted message', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const fileId = tg.addFile(jpeg, 'image/jpeg', 'receta.jpg');
    const photo = tg.updates.photo({ id: 880003, first_name: 'Pedro' }, fileId, 'Mi receta');
    const res = await t.server.app.inject({ method: 'POST', url: `/hooks/telegram/${channel.id}`, headers: { 'x-telegram-bot-api-secret-token': channel.secretToken }, payload: photo });
    expect(res.statusCode).toBe(200);
    const { messageId, conversationId } = res.json();
    let msg: any;
    for (let i = 0; i < 100 && !msg?.attachments?.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      msg = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers })).json().items.find((m: any) => m.id === messageId);
    }
    expect(msg).toMatchObject({ body: 'Mi receta', attachments: [{ contentType: 'image/jpeg', size: jpeg.length }] });
    expect(tg.calls.filter((c) => c.method === 'getFile').map((c) => c.params.file_id)).toContain(fileId); // the largest size, not the thumbnail

    const quoted = tg.updates.text({ id: 880003, first_name: 'Pedro' }, '¿La recibieron?', { replyTo: 4242 });
    const r2 = await t.server.app.inject({ method: 'POST', url: `/hooks/telegram/${channel.id}`, headers: { 'x-telegram-bot-api-secret-token': channel.secretToken }, payload: quoted });
    const [row] = await queryRows<{ meta: any }>(t.ctx.db, sql`SELECT meta FROM messages WHERE id = ${r2.json().messageId}`);
    expect(row.meta.replyTo).toBe('880003:4242');
  });

  it('answers 200 with nothing stored for update kinds the inbox does not use', async () => {
    const res = await t.server.app.inject({
      method: 'POST', url: `/hooks/telegram/${channel.id}`, headers: { 'x-telegram-bot-api-secret-token': channel.secretToken },
      payload: { update_id: 999, my_chat_member: { chat: { id: 1, type: 'private' }, from: { id: 1 }, date: 1, old_chat_member: {}, new_chat_member: {} } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, results: [] });
  });

  it('stores a button tap as the button\'s title and answers the callback query, so the customer\'s spinner stops', async () => {
    const tap = tg.updates.callback({ id: 880005, first_name: 'Ana' }, 'SI', { queryId: 'cbq-880005-1', onMessage: { id: 55, buttons: [{ text: 'Sí, confirmo', data: 'SI' }] } });
    const res = await t.server.app.inject({ method: 'POST', url: `/hooks/telegram/${channel.id}`, headers: { 'x-telegram-bot-api-secret-token': channel.secretToken }, payload: tap });
    expect(res.statusCode).toBe(200);
    const [stored] = await queryRows<{ body: string }>(t.ctx.db, sql`SELECT body FROM messages WHERE external_id = 'callback:cbq-880005-1'`);
    expect(stored.body).toBe('Sí, confirmo');
    await expect.poll(() => tg.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.params.callback_query_id)).toContain('cbq-880005-1');
  });

  it('sends an inline keyboard with the buttons\' ids as callback data and refuses ids over 64 bytes', async () => {
    const sent = await telegramAdapter.send(await record(), { messageId: 1, conversationId: 1, contactExternalId: '880004', replyToExternalId: '880004:321', content: { type: 'interactive', text: '¿Confirma?', buttons: [{ id: 'CONFIRM', title: 'Sí' }] } }, opts());
    const call = tg.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'sendMessage', params: { chat_id: '880004', text: '¿Confirma?', reply_markup: { inline_keyboard: [[{ text: 'Sí', callback_data: 'CONFIRM' }]] }, reply_parameters: { message_id: 321 } } });
    expect(sent.externalId).toBe(`880004:${call.messageId}`);
    const err = await telegramAdapter.send(await record(), { messageId: 2, conversationId: 1, contactExternalId: '880004', content: { type: 'interactive', text: 'x', buttons: [{ id: 'x'.repeat(65), title: 'X' }] } }, opts()).catch((e) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err.kind).toBe('permanent');
  });

  it('a wrong bot token is a permanent 401 and a template is refused', async () => {
    const bad = { ...(await record()), secrets: { botToken: '1:AAAAAAAAAAAAAAAAAAAAAAAA', secretToken: 'x' } };
    const err = await telegramAdapter.send(bad, { messageId: 3, conversationId: 1, contactExternalId: '1', content: { type: 'text', text: 'hola' } }, opts()).catch((e) => e);
    expect(err).toMatchObject({ kind: 'permanent', providerCode: '401', message: 'Unauthorized' });
    const tpl = await telegramAdapter.send(await record(), { messageId: 4, conversationId: 1, contactExternalId: '1', content: { type: 'template', name: 'hello', language: 'es', components: [] } }, opts()).catch((e) => e);
    expect(tpl).toMatchObject({ kind: 'permanent' });
  });
});
