import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { messengerAdapter, MESSENGER_FIELDS } from './messenger.adapter.js';
import { hubSignature, metaJson, startMessengerPlatformFake, type MessengerPlatformFake } from '../../../../test/fakes/messenger-platform.js';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { APP_SECRET, createMetaChannel, type MetaChannel } from '../meta/messenger-platform-contract.js';
import type { OutboundContent } from '../channel.js';
import { ManualClock } from '../../../platform/clock.js';

const PAGE_ID = '104000000000002';
const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAFakePageTokenForMessengerTests99';
const DAY = 24 * 60 * 60_000;

describeEachDriver('messenger channel', (driver) => {
  let t: TestApp;
  let owner: Session;
  let fb: MessengerPlatformFake;
  let channel: MetaChannel;
  const clock = new ManualClock(new Date());
  const page = () => fb.builders({ object: 'page', id: PAGE_ID });
  const opts = () => ({ timeoutMs: 5000, config: t.config });
  const record = async () => (await loadChannelWithSecrets(t.ctx, channel.id))!;
  const send = async (to: string, content: OutboundContent, extra: { windowTag?: string } = {}) => messengerAdapter.send(await record(), { messageId: 1, conversationId: 1, contactExternalId: to, content, ...extra }, opts());
  const lastCall = () => fb.calls.at(-1)!;
  const hookUrl = () => `http://127.0.0.1:${(t.server.app.server.address() as AddressInfo).port}/hooks/messenger/${channel.id}`;
  const rowsWith = (text: string) =>
    queryRows<{ id: number; body: string; direction: string; sender_type: string; delivery_status: string | null; meta: any; conversation_id: number; external_id: string }>(t.ctx.db, sql`
      SELECT id, body, direction, sender_type, delivery_status, meta, conversation_id, external_id FROM messages WHERE channel_id = ${channel.id} AND body = ${text}`);
  const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean) => {
    for (let i = 0; i < 150; i++) {
      const v = await fn();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    return fn();
  };

  beforeAll(async () => {
    fb = await startMessengerPlatformFake({ accounts: [{ id: PAGE_ID, token: PAGE_TOKEN, host: 'facebook' }] });
    t = await createTestApp(driver, { clock, env: { META_GRAPH_URL: fb.base, META_GRAPH_VERSION: 'v23.0' } });
    ({ owner } = await createWorkspace(t));
    channel = await createMetaChannel(t, owner, { type: 'messenger', name: 'Página', config: { pageId: PAGE_ID }, secrets: { pageAccessToken: PAGE_TOKEN, appSecret: APP_SECRET } });
    await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    fb.setWebhook(hookUrl(), APP_SECRET);
  });
  afterAll(async () => {
    await fb?.flush(); // echoes still on their way would reach a closing server
    await t?.close();
    await fb?.close();
  });

  it('subscribes the Page to the app\'s webhook fields on creation, with the Page token, on the configured Graph version', () => {
    expect(fb.calls[0]).toMatchObject({ host: 'facebook', version: 'v23.0', node: PAGE_ID, edge: 'subscribed_apps', query: { subscribed_fields: MESSENGER_FIELDS.join(',') } });
  });

  it('verifies the signature on the bytes Meta sent (\\uXXXX escapes), not on a re-serialised body', async () => {
    const text = 'Hola, ¿envían a Mérida? 😀 https://tienda.example/p/1';
    const body = page().envelope([page().text('2401000001', text)]);
    expect(metaJson(body)).toContain('\\u00bf'); // what Meta sends
    expect(await fb.deliver(body)).toEqual([200]);
    expect((await rowsWith(text)).length).toBe(1);

    // The same JSON written the usual way is different bytes: the signature Meta made does not cover it.
    const other = page().envelope([page().text('2401000001', `${text} (2)`)]);
    const res = await t.server.app.inject({
      method: 'POST', url: `/hooks/messenger/${channel.id}`,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(APP_SECRET, metaJson(other)) }, payload: JSON.stringify(other),
    });
    expect(res.statusCode).toBe(401);
    expect(await fb.deliver(other, { signWith: 'another-apps-secret-000000000000' })).toEqual([401, 401, 401]); // Meta retries; nothing stored
    expect((await rowsWith(`${text} (2)`)).length).toBe(0);
  });

  it('stores a comment on the Page\'s post as its own conversation and answers it with a private reply', async () => {
    const comment = page().comment({ id: '77_501', postId: '77', from: { id: '6000001', name: 'Ana Pérez' }, text: '¿Cuánto cuesta el envío?' });
    expect(await fb.deliver(page().envelope({ changes: [comment] }))).toEqual([200]);
    expect(await fb.deliver(page().envelope({ changes: [comment] }))).toEqual([200]); // Meta re-delivers
    const [row] = await rowsWith('¿Cuánto cuesta el envío?');
    expect(row.meta.comment).toMatchObject({ id: '77_501', postId: `${PAGE_ID}_77`, permalink: `https://www.facebook.com/${PAGE_ID}/posts/77`, from: { id: '6000001', name: 'Ana Pérez' } });
    const conv = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${row.conversation_id}`, headers: owner.headers })).json();
    expect(conv.contact.name).toBe('Ana Pérez');

    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${row.conversation_id}/messages`, headers: owner.headers, payload: { body: 'Hola Ana, le escribimos por privado.' } });
    expect(res.statusCode).toBe(201);
    const sent = await until(async () => (await rowsWith('Hola Ana, le escribimos por privado.'))[0], (m) => m?.delivery_status === 'sent');
    const call = fb.calls.find((c) => c.messageId === sent.external_id)!;
    expect(call.body).toEqual({ recipient: { comment_id: '77_501' }, message: { text: 'Hola Ana, le escribimos por privado.', metadata: expect.stringMatching(/^atiende:/) } });

    // The Page's own comments and removed comments are not conversations.
    const ours = page().comment({ id: '77_502', postId: '77', from: { id: PAGE_ID, name: 'La tienda' }, text: 'Gracias a todos' });
    const removed = page().comment({ id: '77_503', postId: '77', from: { id: '6000002', name: 'Luis' }, text: 'borrado', verb: 'remove' });
    expect(await fb.deliver(page().envelope({ changes: [ours, removed] }))).toEqual([200]);
    expect((await rowsWith('Gracias a todos')).length + (await rowsWith('borrado')).length).toBe(0);
  });

  it('does not store Meta\'s echoes of our own sends, stores echoes of messages sent from the Page inbox, and drops an echo of a reply still being sent', async () => {
    const psid = '2401000009';
    fb.setWebhook(hookUrl(), APP_SECRET, { echoes: true });
    expect(await fb.deliver(page().envelope([page().text(psid, 'Necesito ayuda con mi pedido')]))).toEqual([200]);
    const [first] = await rowsWith('Necesito ayuda con mi pedido');
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${first.conversation_id}/messages`, headers: owner.headers, payload: { body: 'Con gusto, ¿su número de pedido?' } });
    expect(res.statusCode).toBe(201);
    await until(async () => (await rowsWith('Con gusto, ¿su número de pedido?'))[0], (m) => m?.delivery_status === 'sent');
    await fb.flush();
    const echoOfOurs = fb.deliveries.filter((d) => JSON.stringify(d.body).includes('"is_echo":true') && JSON.stringify(d.body).includes('su número de pedido'));
    expect(echoOfOurs.map((d) => d.status)).toEqual([200]); // Meta echoed our send (with our metadata) …
    expect(await rowsWith('Con gusto, ¿su número de pedido?')).toHaveLength(1); // … and it was not stored again

    expect(await fb.deliver(page().envelope([page().echo(psid, 'Le respondo desde la bandeja de Meta')]))).toEqual([200]);
    const [echo] = await rowsWith('Le respondo desde la bandeja de Meta');
    expect(echo).toMatchObject({ conversation_id: first.conversation_id, direction: 'outbound', sender_type: 'system', delivery_status: 'sent', meta: { echo: true } });

    // Meta can echo a send before our job has stored its id: that echo is dropped, not stored in the reply's place.
    await queryRows(t.ctx.db, sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, body, delivery_status)
      VALUES (${owner.workspaceId}, ${first.conversation_id}, ${channel.id}, 'message', 'outbound', 'user', 'En camino', 'queued')`);
    const raw = metaJson(page().envelope([page().echo(psid, 'En camino', { mid: 'm_early' })]));
    const early = await t.server.app.inject({
      method: 'POST', url: `/hooks/messenger/${channel.id}`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(APP_SECRET, raw) }, payload: raw,
    });
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({ kind: 'ignored', event: 'echo' });
    expect((await rowsWith('En camino')).map((r) => r.external_id)).toEqual([null]);
    fb.setWebhook(hookUrl(), APP_SECRET);
  });

  it('answers deliveries without mids, unsends and events of other Pages with 200 and stores nothing', async () => {
    const before = (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channel.id}`))[0].n;
    const otherPage = fb.builders({ object: 'page', id: '999000000000001' });
    expect(await fb.deliver(page().envelope([page().delivery('2401000001', [])], [page().deleted('2401000001', 'm_gone')]))).toEqual([200]);
    expect(await fb.deliver(otherPage.envelope([otherPage.text('2401000001', 'para otra página')]))).toEqual([200]);
    expect((await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channel.id}`))[0].n).toBe(before);
  });

  it('sends RESPONSE inside the window and the HUMAN_AGENT tag when the reply carries it; a closed window refuses the rest permanently', async () => {
    await send('2401000020', { type: 'text', text: 'Hola' });
    expect(lastCall().body).toMatchObject({ recipient: { id: '2401000020' }, messaging_type: 'RESPONSE', message: { text: 'Hola' } });
    fb.closeWindow(PAGE_ID, '2401000020', { humanAgent: true });
    const refused = await send('2401000020', { type: 'text', text: 'Seguimos con su caso' }).catch((e) => e);
    expect(refused).toMatchObject({ kind: 'permanent', providerCode: '10/2018278', message: '(#10) This message is sent outside of allowed window.' });
    const sent = await send('2401000020', { type: 'text', text: 'Seguimos con su caso' }, { windowTag: 'HUMAN_AGENT' });
    expect(lastCall().body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Seguimos con su caso' } });
    expect(sent.externalId).toBe(lastCall().messageId);
  });

  it('sends up to three options as a button template, more as quick replies, and a long text in parts', async () => {
    await send('2401000021', { type: 'interactive', text: '¿Qué desea?', buttons: [{ id: 'TRACK', title: 'Seguir mi pedido' }, { id: 'AGENT', title: 'Hablar con una persona real' }] });
    expect(lastCall().body.message).toEqual({
      attachment: { type: 'template', payload: { template_type: 'button', text: '¿Qué desea?', buttons: [{ type: 'postback', title: 'Seguir mi pedido', payload: 'TRACK' }, { type: 'postback', title: 'Hablar con una pers…', payload: 'AGENT' }] } },
      metadata: 'atiende:1:0',
    });
    const five = ['Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes'].map((d) => ({ id: d.toUpperCase(), title: d }));
    await send('2401000021', { type: 'interactive', text: '¿Qué día?', buttons: five });
    expect(lastCall().body.message).toMatchObject({ text: '¿Qué día?', quick_replies: five.map((b) => ({ content_type: 'text', title: b.title, payload: b.id })) });

    const before = fb.calls.length;
    const long = `${'Le explico los pasos. '.repeat(120)}Fin.`;
    const sent = await send('2401000021', { type: 'text', text: long });
    const parts = fb.calls.slice(before);
    expect(parts.length).toBe(2);
    expect(parts.every((c) => c.body.message.text.length <= 2000)).toBe(true);
    expect(parts.map((c) => c.body.message.text).join(' ')).toBe(long);
    expect(sent.externalId).toBe(parts[0].messageId);
  });

  it('past 24 hours an agent\'s reply goes out with the HUMAN_AGENT tag, and past 7 days it is refused', async () => {
    const psid = '2401000030';
    expect(await fb.deliver(page().envelope([page().text(psid, 'Hola, ¿siguen con la oferta?')]))).toEqual([200]);
    const [first] = await rowsWith('Hola, ¿siguen con la oferta?');
    clock.advance(2 * DAY);
    fb.closeWindow(PAGE_ID, psid, { humanAgent: true }); // Meta refuses anything but HUMAN_AGENT now
    const reply = (body: string) => t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${first.conversation_id}/messages`, headers: owner.headers, payload: { body } });
    expect((await reply('Sí, hasta el viernes.')).statusCode).toBe(201);
    const sent = await until(async () => (await rowsWith('Sí, hasta el viernes.'))[0], (m) => m?.delivery_status !== 'queued');
    expect(sent.delivery_status).toBe('sent');
    expect(fb.calls.find((c) => c.messageId === sent.external_id)!.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    clock.advance(6 * DAY);
    expect((await reply('¿Sigue interesado?')).statusCode).toBe(422);
    clock.set(new Date());
  });

  it('refuses templates and a wrong token permanently', async () => {
    expect(await send('2401000022', { type: 'template', name: 'x', language: 'es', components: [] }).catch((e) => e)).toMatchObject({ kind: 'permanent' });
    const bad = { ...(await record()), secrets: { ...(await record()).secrets!, pageAccessToken: 'EAAwrongwrongwrongwrongwrong' } };
    const err = await messengerAdapter.send(bad, { messageId: 2, conversationId: 1, contactExternalId: '2401000022', content: { type: 'text', text: 'hola' } }, opts()).catch((e) => e);
    expect(err).toMatchObject({ kind: 'permanent', providerCode: '190' });
  });
});
