import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { instagramAdapter, INSTAGRAM_FIELDS } from './instagram.adapter.js';
import { startMessengerPlatformFake, type MessengerPlatformFake } from '../../../../test/fakes/messenger-platform.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { APP_SECRET, createMetaChannel, type MetaChannel } from '../meta/messenger-platform-contract.js';

const IG_ID = '17841400000000002';
const IG_TOKEN = 'IGQWRPfakeInstagramLoginTokenForIntTests0123';
const LINKED_PAGE = '104000000000003';
const LINKED_IG = '17841400000000003';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAFakeLinkedPageTokenForIgTests';

describeEachDriver('instagram channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let fake: MessengerPlatformFake;
  let channel: MetaChannel;
  let linked: MetaChannel;
  const ig = () => fake.builders({ object: 'instagram', id: IG_ID });
  const hookUrl = (c: MetaChannel) => `http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}/hooks/instagram/${c.id}`;
  const rowsWith = (text: string) =>
    queryRows<{ id: number; body: string; meta: any; conversation_id: number; external_id: string; delivery_status: string | null }>(t.ctx.db, sql`
      SELECT id, body, meta, conversation_id, external_id, delivery_status FROM messages WHERE body = ${text}`);
  const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean) => {
    for (let i = 0; i < 150; i++) {
      const v = await fn();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    return fn();
  };
  const reply = (conversationId: number, body: string) => t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } });

  beforeAll(async () => {
    fake = await startMessengerPlatformFake({
      accounts: [
        { id: IG_ID, token: IG_TOKEN, host: 'instagram' },
        { id: LINKED_PAGE, token: PAGE_TOKEN, host: 'facebook', instagramId: LINKED_IG },
      ],
    });
    t = await createTestApp(driver, { env: { META_GRAPH_URL: fake.base, INSTAGRAM_GRAPH_URL: fake.instagramBase, META_GRAPH_VERSION: 'v23.0' } });
    ({ owner } = await createWorkspace(t));
    channel = await createMetaChannel(t, owner, { type: 'instagram', name: 'Instagram', config: { accountId: IG_ID }, secrets: { accessToken: IG_TOKEN, appSecret: APP_SECRET } });
    linked = await createMetaChannel(t, owner, { type: 'instagram', name: 'Instagram (Página)', config: { accountId: LINKED_IG, apiHost: 'facebook' }, secrets: { accessToken: PAGE_TOKEN, appSecret: APP_SECRET } });
    await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    fake.setWebhook(hookUrl(channel), APP_SECRET, { echoes: true });
  });
  afterAll(async () => {
    await fake?.flush(); // echoes still on their way would reach a closing server
    await t?.close();
    await fake?.close();
  });

  it('calls graph.instagram.com for Instagram Login and the linked Page on graph.facebook.com for Facebook Login', async () => {
    expect(fake.calls.filter((c) => c.edge === 'subscribed_apps').map((c) => [c.host, c.node, c.query.subscribed_fields])).toEqual([
      ['instagram', IG_ID, INSTAGRAM_FIELDS.join(',')],
      ['facebook', 'me', 'messages'],
    ]);
    const opts = { timeoutMs: 5000, config: t.config };
    await instagramAdapter.send((await loadChannelWithSecrets(t.ctx, channel.id))!, { messageId: 1, conversationId: 1, contactExternalId: '9001', content: { type: 'text', text: 'Hola' } }, opts);
    expect(fake.calls.at(-1)).toMatchObject({ host: 'instagram', node: IG_ID, edge: 'messages', body: { recipient: { id: '9001' }, messaging_type: 'RESPONSE', message: { text: 'Hola' } } });
    expect(fake.calls.at(-1)!.body.message.metadata).toBeUndefined(); // Instagram documents no metadata
    await instagramAdapter.send((await loadChannelWithSecrets(t.ctx, linked.id))!, { messageId: 2, conversationId: 1, contactExternalId: '9002', content: { type: 'text', text: 'Hola' } }, opts);
    expect(fake.calls.at(-1)).toMatchObject({ host: 'facebook', node: 'me', body: { recipient: { id: '9002' } } });
  });

  it('stores story replies and story mentions with the story\'s link, and copies the mentioned story', async () => {
    const story = fake.hostFile(Buffer.from('\xff\xd8\xff story', 'latin1'), 'image/jpeg', 'story.jpg');
    const body = ig().envelope([
      ig().storyReply('9010', '¡Qué lindo ese vestido!', { id: '18000000000000010', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=10' }),
      ig().storyMention('9010', story),
    ]);
    expect(await fake.deliver(body)).toEqual([200]);
    const [replyRow] = await rowsWith('¡Qué lindo ese vestido!');
    expect(replyRow.meta.story).toEqual({ kind: 'reply', id: '18000000000000010', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=10' });
    const mention = await until(
      async () => (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${replyRow.conversation_id}/messages`, headers: owner.headers })).json().items.find((m: any) => m.meta?.story?.kind === 'mention'),
      (m: any) => m?.attachments?.length > 0,
    );
    expect(mention.meta.story).toEqual({ kind: 'mention', url: story });
    expect(mention.attachments[0]).toMatchObject({ contentType: 'image/jpeg' });
  });

  it('answers a comment on a post with a private reply through graph.instagram.com', async () => {
    const comment = ig().comment({ id: '17900000000000042', from: { id: '9020', username: 'luisa.g' }, text: 'Precio por favor 🙏' });
    expect(await fake.deliver(ig().envelope({ changes: [comment] }))).toEqual([200]);
    const [row] = await rowsWith('Precio por favor 🙏');
    expect(row.meta.comment).toMatchObject({ id: '17900000000000042', mediaId: '17900000000000001', from: { id: '9020', username: 'luisa.g' } });
    expect((await reply(row.conversation_id, 'Hola Luisa, le enviamos el precio por mensaje.')).statusCode).toBe(201);
    const sent = await until(async () => (await rowsWith('Hola Luisa, le enviamos el precio por mensaje.'))[0], (m) => m?.delivery_status === 'sent');
    expect(fake.calls.find((c) => c.messageId === sent.external_id)).toMatchObject({ host: 'instagram', node: IG_ID, body: { recipient: { comment_id: '17900000000000042' }, message: { text: 'Hola Luisa, le enviamos el precio por mensaje.' } } });
    expect(fake.calls.find((c) => c.messageId === sent.external_id)!.body.messaging_type).toBeUndefined();
  });

  it('stores a reply once although Instagram echoes it (no metadata: recognised by its id, or while still being sent)', async () => {
    expect(await fake.deliver(ig().envelope([ig().text('9030', 'Hola, ¿hacen envíos?')]))).toEqual([200]);
    const [first] = await rowsWith('Hola, ¿hacen envíos?');
    for (const text of ['Sí, a todo el país.', 'Tarda 2 días.']) {
      expect((await reply(first.conversation_id, text)).statusCode).toBe(201);
      await until(async () => (await rowsWith(text))[0], (m) => m?.delivery_status === 'sent');
    }
    await fake.flush();
    expect(fake.deliveries.filter((d) => JSON.stringify(d.body).includes('"is_echo":true')).length).toBeGreaterThanOrEqual(2);
    expect((await rowsWith('Sí, a todo el país.')).length + (await rowsWith('Tarda 2 días.')).length).toBe(2);
  });

  it('sends a PDF as a file, refuses images over 8 MB, and ignores unsent messages', async () => {
    const opts = { timeoutMs: 5000, config: t.config };
    const rec = (await loadChannelWithSecrets(t.ctx, channel.id))!;
    await instagramAdapter.send(rec, { messageId: 3, conversationId: 1, contactExternalId: '9040', content: { type: 'media', text: '', attachments: [{ url: 'http://127.0.0.1:9/f/catalogo.pdf', filename: 'catalogo.pdf', contentType: 'application/pdf', size: 1000 }] } }, opts);
    expect(fake.calls.at(-1)!.body.message).toEqual({ attachment: { type: 'file', payload: { url: 'http://127.0.0.1:9/f/catalogo.pdf', is_reusable: false } } });
    const big = await instagramAdapter.send(rec, { messageId: 4, conversationId: 1, contactExternalId: '9040', content: { type: 'media', text: '', attachments: [{ url: 'http://127.0.0.1:9/f/foto.jpg', filename: 'foto.jpg', contentType: 'image/jpeg', size: 9 * 1_048_576 }] } }, opts).catch((e) => e);
    expect(big).toMatchObject({ kind: 'permanent' });

    expect(await fake.deliver(ig().envelope([ig().deleted('9040', 'aWdf_gone')]))).toEqual([200]);
    expect(fake.deliveries.at(-1)!.status).toBe(200);
  });
});
