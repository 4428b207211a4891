/**
 * The channel conformance suite: every adapter runs it against its provider's local fake. An adapter that
 * cannot do a case (the provider has no such thing) names it in `skip` with the reason; a case it neither
 * supports nor skips fails, so nothing is left out silently.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { ChannelSendError, type ChannelAdapter, type ChannelRecord, type OutboundContent, type SendOptions } from '../channel.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { sendOutboundJob } from '../../messages/send-outbound.job.js';

export type SendFailure = 'retryable' | 'rate_limited' | 'permanent';

export type ContractCase =
  | 'handshake'
  /** A bad or missing webhook signature is refused (401) and nothing stored. */
  | 'signature'
  /** A webhook for an unknown channel answers 404, a malformed body 400. */
  | 'malformed'
  | 'message'
  | 'media'
  | 'batch'
  | 'interactive_reply'
  | 'reaction'
  | 'read'
  | 'echo'
  | 'edit'
  | 'status_order'
  | 'send_interactive'
  | 'send_media'
  | 'error_retryable'
  | 'error_rate_limited'
  | 'error_permanent';

export interface ContractChannel {
  id: number;
}

/** What the provider received from us for one recipient, normalised for the assertions. */
export interface FakeSend {
  text: string;
  buttons?: string[];
  media?: string[];
}

export interface ContractFake {
  /** Makes the provider answer our next send with this class of error; returns what the adapter must report. */
  failNextSend(kind: SendFailure): { providerCode: string; text: RegExp; retryAfterMs?: number };
  /** What the provider received for this recipient, oldest first. */
  sentTo(customer: string): FakeSend[];
  /** Puts a file at the provider (for an inbound media message); returns what build.media refers to it by. */
  hostFile(bytes: Buffer, contentType: string, filename: string): string;
  close(): Promise<void>;
}

type Ev = { id: string; customer: string };

export interface ChannelContractHarness<C extends ContractChannel = ContractChannel> {
  adapter: ChannelAdapter;
  /** Starts the provider's fake; `env` is given to the app (the provider's base URL). */
  startFake(): Promise<{ fake: ContractFake; env: Record<string, string> }>;
  createChannel(t: TestApp, admin: Session, fake: ContractFake): Promise<C>;
  /** The headers with which the provider would sign this raw body; `bad` gives a wrong signature. */
  sign(channel: C, raw: string, opts?: { bad?: boolean }): Record<string, string>;
  /** The request body each kind of inbound event arrives as (JSON unless `encode` says otherwise). */
  build: {
    message(c: C, e: Ev & { text: string }): unknown;
    media?(c: C, e: Ev & { text: string; file: string }): unknown;
    batch?(c: C, events: Array<Ev & { text: string }>): unknown;
    interactive_reply?(c: C, e: Ev & { payload: string; title: string }): unknown;
    reaction?(c: C, e: Ev & { targetId: string; emoji: string }): unknown;
    /** The customer takes their reaction off the message (where the provider reports it). */
    unreact?(c: C, e: Ev & { targetId: string }): unknown;
    /**
     * The customer read our messages up to the one the provider knows as `upToId` (the id our send returned),
     * sent at or before `at`: providers with watermarks give the time, others the message.
     */
    read?(c: C, e: { customer: string; upToId: string; at: Date }): unknown;
    echo?(c: C, e: Ev & { text: string }): unknown;
    /** A new text for the message built earlier with the same id. */
    edit?(c: C, e: Ev & { text: string }): unknown;
    /** A receipt for one of our messages (by the external id our send returned). */
    status?(c: C, e: { externalId: string; status: 'sent' | 'delivered' | 'read' | 'failed' }): unknown;
  };
  encode?(body: unknown): { raw: string; contentType: string };
  handshake?: { good(c: C): { query: Record<string, string>; body: string }; bad(c: C): Record<string, string> };
  skip: Partial<Record<ContractCase, string>>;
  /**
   * For a channel whose inbound is not a webhook (email, fetched by IMAP polling): puts what `build` made where
   * the channel fetches from, runs its fetch, and answers as the hook route would (`{ conversationId, messageId }`
   * for one message). The cases `signature` and `malformed` are then skipped with the reason.
   */
  deliver?(t: TestApp, channel: C, body: unknown): Promise<{ statusCode: number; json(): any }>;
  /** The provider's id of a contract customer when it is not the customer's number itself (email: an address). */
  contactId?(customer: string): string;
  /** More send options for the suite's direct sends, as the send job gives them (a web form's lookup of its reply channel). */
  sendOptions?(t: TestApp, workspaceId: number): Partial<SendOptions>;
}

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

export function runChannelContract<C extends ContractChannel>(name: string, h: ChannelContractHarness<C>) {
  describeEachDriver(`channel contract: ${name}`, (driver) => {
    let t: TestApp;
    let owner: Session;
    let fake: ContractFake;
    let channel: C;
    let record: ChannelRecord;
    let seq = 0;
    const type = h.adapter.type;
    const customer = () => String(7_100_000_000 + ++seq);
    const unique = (label: string) => `${label} ${name} #${++seq}`;

    beforeAll(async () => {
      const started = await h.startFake();
      fake = started.fake;
      t = await createTestApp(driver, { env: started.env });
      ({ owner } = await createWorkspace(t));
      channel = await h.createChannel(t, owner, fake);
      record = (await loadChannelWithSecrets(t.ctx, channel.id))!;
    });
    afterAll(async () => {
      await t?.close();
      await fake?.close();
    });

    const encode = (body: unknown) => h.encode?.(body) ?? { raw: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' };
    const post = (body: unknown, opts: { bad?: boolean; unsigned?: boolean; channelId?: number } = {}): Promise<{ statusCode: number; json(): any }> => {
      if (h.deliver) return h.deliver(t, channel, body);
      const { raw, contentType } = encode(body);
      return t.server.app.inject({
        method: 'POST',
        url: `/hooks/${type}/${opts.channelId ?? channel.id}`,
        headers: { 'content-type': contentType, ...(opts.unsigned ? {} : h.sign(channel, raw, { bad: opts.bad })) },
        payload: raw,
      });
    };
    const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.ctx.db, q))[0].n;
    const storedWithText = (text: string) => count(sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channel.id} AND body = ${text}`);
    const messageRow = async (id: number) =>
      (await queryRows<{ delivery_status: string; external_id: string | null; failure_reason: string | null }>(t.ctx.db, sql`SELECT delivery_status, external_id, failure_reason FROM messages WHERE id = ${id}`))[0];
    const inboundFrom = async (who: string, text = unique('Hola')) => {
      const id = `in-${++seq}`;
      const res = await post(h.build.message(channel, { id, customer: who, text }));
      expect(res.statusCode).toBe(200);
      return { id, text, conversationId: res.json().conversationId as number };
    };
    const reply = (conversationId: number, body: string) =>
      t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } });
    const send = (to: string, content: OutboundContent) =>
      h.adapter.send(record, { messageId: ++seq, conversationId: 1, contactExternalId: h.contactId?.(to) ?? to, content }, { timeoutMs: 5000, config: t.config, ...h.sendOptions?.(t, owner.workspaceId) });

    /** Runs the case, or skips it with the harness's reason; a case neither built nor skipped fails. */
    const contractCase = (id: ContractCase, title: string, supported: () => boolean, fn: () => Promise<void>) => {
      const reason = h.skip[id];
      if (reason) return it.skip(`${title} — skipped: ${reason}`, () => {});
      it(title, async () => {
        if (!supported()) throw new Error(`${name} neither supports "${id}" nor skips it with a reason`);
        await fn();
      });
    };

    contractCase('handshake', 'answers the provider\'s verification handshake and refuses a wrong token', () => !!h.handshake && !!h.adapter.handshake, async () => {
      const good = h.handshake!.good(channel);
      const ok = await t.server.app.inject({ method: 'GET', url: `/hooks/${type}/${channel.id}`, query: good.query });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toBe(good.body);
      const bad = await t.server.app.inject({ method: 'GET', url: `/hooks/${type}/${channel.id}`, query: h.handshake!.bad(channel) });
      expect(bad.statusCode).toBe(403);
    });

    if (!h.adapter.handshake) {
      it('answers 404 to a GET on its webhook (it has no handshake)', async () => {
        expect((await t.server.app.inject({ method: 'GET', url: `/hooks/${type}/${channel.id}` })).statusCode).toBe(404);
      });
    }

    contractCase('signature', 'refuses a bad or missing signature with 401 and stores nothing', () => true, async () => {
      const eventsBefore = await count(sql`SELECT count(*)::int AS n FROM events`);
      const text = unique('firma falsa');
      const body = h.build.message(channel, { id: `bad-${seq}`, customer: customer(), text });
      expect((await post(body, { bad: true })).statusCode).toBe(401);
      expect((await post(body, { unsigned: true })).statusCode).toBe(401);
      expect(await storedWithText(text)).toBe(0);
      expect(await count(sql`SELECT count(*)::int AS n FROM events`)).toBe(eventsBefore);
    });

    contractCase('malformed', 'answers 404 for an unknown channel and 400 for a malformed body', () => true, async () => {
      const body = h.build.message(channel, { id: `x-${seq}`, customer: customer(), text: 'nadie' });
      expect((await post(body, { channelId: 987_654_321 })).statusCode).toBe(404);
      expect((await post('{"update_id":', {})).statusCode).toBe(400);
    });

    contractCase('message', 'stores a text message with its contact in a new conversation', () => true, async () => {
      const who = customer();
      const { text, conversationId } = await inboundFrom(who);
      expect(await storedWithText(text)).toBe(1);
      const conv = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}`, headers: owner.headers })).json();
      expect(conv).toMatchObject({ status: 'queued', lastMessagePreview: text, unreadCount: 1 });
    });

    it('stores a re-delivered message once, also when the copies arrive together', async () => {
      const who = customer();
      const text = unique('dos veces');
      const body = h.build.message(channel, { id: `dup-${seq}`, customer: who, text });
      const first = await post(body);
      const again = await post(body);
      expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
      expect(await storedWithText(text)).toBe(1);

      const racing = unique('a la vez');
      const raced = h.build.message(channel, { id: `race-${seq}`, customer: customer(), text: racing });
      const all = await Promise.all(Array.from({ length: 10 }, () => post(raced)));
      expect(all.every((r) => r.statusCode === 200)).toBe(true);
      expect(await storedWithText(racing)).toBe(1);
    });

    contractCase('batch', 'stores every event of a batched delivery', () => !!h.build.batch, async () => {
      const texts = [unique('lote a'), unique('lote b'), unique('lote c')];
      const who = customer();
      const res = await post(h.build.batch!(channel, texts.map((text, i) => ({ id: `batch-${seq}-${i}`, customer: i === 2 ? customer() : who, text }))));
      expect(res.statusCode).toBe(200);
      for (const text of texts) expect(await storedWithText(text)).toBe(1);
    });

    contractCase('interactive_reply', 'stores a tapped button as the customer\'s message with its payload', () => !!h.build.interactive_reply, async () => {
      const title = unique('Sí, confirmar');
      const res = await post(h.build.interactive_reply!(channel, { id: `tap-${seq}`, customer: customer(), payload: 'CONFIRM_42', title }));
      expect(res.statusCode).toBe(200);
      const rows = await queryRows<{ meta: any }>(t.ctx.db, sql`SELECT meta FROM messages WHERE channel_id = ${channel.id} AND body = ${title}`);
      expect(rows).toHaveLength(1);
      expect(rows[0].meta.interactive).toEqual({ payload: 'CONFIRM_42', title });
    });

    const messageById = async (id: number) =>
      (await queryRows<{ body: string; meta: any; direction: string; sender_type: string; delivery_status: string | null; conversation_id: number }>(t.ctx.db, sql`
        SELECT body, meta, direction, sender_type, delivery_status, conversation_id FROM messages WHERE id = ${id}`))[0];
    const idOfText = async (text: string) => (await queryRows<{ id: number }>(t.ctx.db, sql`SELECT id FROM messages WHERE channel_id = ${channel.id} AND body = ${text}`))[0].id;
    const updatesOf = async (messageId: number) =>
      (await queryRows<{ payload: any }>(t.ctx.db, sql`SELECT payload FROM events WHERE type = 'message.updated' AND (payload->'message'->>'id')::bigint = ${messageId} ORDER BY id`)).map((e) => e.payload.message);
    const messagesInChannel = () => count(sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channel.id}`);

    contractCase('reaction', 'puts the customer\'s reaction on the message (meta.reactions, message.updated), once, and takes it off', () => !!h.build.reaction, async () => {
      const who = customer();
      const target = await inboundFrom(who);
      const id = await idOfText(target.text);
      const before = await messagesInChannel();
      for (let i = 0; i < 2; i++) {
        expect((await post(h.build.reaction!(channel, { id: `react-${seq}-${i}`, customer: who, targetId: target.id, emoji: '👍' }))).statusCode).toBe(200);
      }
      expect(await messagesInChannel()).toBe(before);
      expect((await messageById(id)).meta.reactions).toEqual([expect.objectContaining({ emoji: '👍' })]);
      const updates = await updatesOf(id);
      expect(updates).toHaveLength(1); // the repeat changed nothing
      expect(updates[0].meta.reactions).toEqual([expect.objectContaining({ emoji: '👍' })]);
      if (h.build.unreact) {
        expect((await post(h.build.unreact(channel, { id: `unreact-${seq}`, customer: who, targetId: target.id }))).statusCode).toBe(200);
        expect((await messageById(id)).meta.reactions).toEqual([]);
        expect(await updatesOf(id)).toHaveLength(2);
      }
    });

    contractCase('read', 'moves the contact\'s replies up to a read receipt to read, forward only, and no one else\'s', () => !!h.build.read, async () => {
      const who = customer();
      const other = customer();
      const sentReply = async (to: string) => {
        const { conversationId } = await inboundFrom(to);
        const id = (await reply(conversationId, unique('¿Le llegó?'))).json().id as number;
        return { id, row: await until(() => messageRow(id), (m) => m.delivery_status === 'sent') };
      };
      const mine = await sentReply(who);
      const theirs = await sentReply(other);
      expect(mine.row.delivery_status).toBe('sent');
      const body = h.build.read!(channel, { customer: who, upToId: mine.row.external_id!, at: new Date(t.ctx.clock.now().getTime() + 1000) });
      expect((await post(body)).statusCode).toBe(200);
      expect((await post(body)).statusCode).toBe(200); // re-delivered
      expect((await messageRow(mine.id)).delivery_status).toBe('read');
      expect((await messageRow(theirs.id)).delivery_status).toBe('sent');
      const changes = await queryRows<{ s: string }>(t.ctx.db, sql`SELECT payload->>'status' AS s FROM events WHERE type = 'message.status_changed' AND (payload->>'messageId')::bigint = ${mine.id} ORDER BY id`);
      expect(changes.map((c) => c.s)).toEqual(['sent', 'read']);
    });

    contractCase('echo', 'stores a message the business sent from another client once, as ours and already sent (never sent again)', () => !!h.build.echo, async () => {
      const who = customer();
      const target = await inboundFrom(who);
      const text = unique('Le escribo desde el teléfono');
      const body = h.build.echo!(channel, { id: `echo-${seq}`, customer: who, text });
      expect((await post(body)).statusCode).toBe(200);
      expect((await post(body)).statusCode).toBe(200); // re-delivered
      expect(await storedWithText(text)).toBe(1);
      const echo = await messageById(await idOfText(text));
      expect(echo).toMatchObject({ conversation_id: target.conversationId, direction: 'outbound', sender_type: 'system', delivery_status: 'sent' });
      expect(echo.meta.echo).toBe(true);
      expect(fake.sentTo(who).map((s) => s.text)).not.toContain(text);
    });

    contractCase('edit', 'replaces the text of a received message, keeping the first one (meta.editedFrom, message.updated)', () => !!h.build.edit, async () => {
      const who = customer();
      const target = await inboundFrom(who);
      const id = await idOfText(target.text);
      const text = unique('texto corregido');
      const before = await messagesInChannel();
      for (let i = 0; i < 2; i++) expect((await post(h.build.edit!(channel, { id: target.id, customer: who, text }))).statusCode).toBe(200);
      expect(await messagesInChannel()).toBe(before);
      const edited = await messageById(id);
      expect(edited.body).toBe(text);
      expect(edited.meta.editedFrom).toBe(target.text);
      expect(typeof edited.meta.editedAt).toBe('string');
      const updates = await updatesOf(id);
      expect(updates.map((m: { body: string }) => m.body)).toEqual([text]); // the repeat changed nothing
    });

    contractCase('media', 'downloads an inbound file into storage', () => !!h.build.media, async () => {
      const bytes = Buffer.from(`%PDF-1.4 factura ${name}`);
      const file = fake.hostFile(bytes, 'application/pdf', 'factura.pdf');
      const text = unique('Le envío la factura');
      const res = await post(h.build.media!(channel, { id: `media-${seq}`, customer: customer(), text, file }));
      expect(res.statusCode).toBe(200);
      const { conversationId, messageId } = res.json();
      const found = await until(
        async () => (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers })).json().items.find((m: any) => m.id === messageId),
        (m: any) => m?.attachments?.length > 0 || !!m?.meta?.mediaFailures,
      );
      expect(found.meta.mediaFailures).toBeUndefined();
      expect(found.attachments).toHaveLength(1);
      expect(found.attachments[0]).toMatchObject({ size: bytes.length, contentType: 'application/pdf' });
      const download = await t.server.app.inject({ method: 'GET', url: found.attachments[0].url, headers: owner.headers });
      expect(download.rawPayload.equals(bytes)).toBe(true);
    });

    it('sends a reply through the provider and marks it sent with the provider\'s id', async () => {
      const who = customer();
      const { conversationId } = await inboundFrom(who);
      const text = unique('¡Hola! ¿En qué le ayudamos?');
      const res = await reply(conversationId, text);
      expect(res.statusCode).toBe(201);
      const row = await until(() => messageRow(res.json().id), (m) => m.delivery_status !== 'queued');
      expect(row).toMatchObject({ delivery_status: 'sent' });
      expect(row.external_id).toBeTruthy();
      // A provider records the call before send returns; the web chat's visitor socket gets it from the event log.
      await expect.poll(() => fake.sentTo(who).map((s) => s.text), { timeout: 10_000 }).toContain(text);
    });

    contractCase('status_order', 'applies delivery receipts forward only (out of order and repeated)', () => !!h.build.status, async () => {
      const { conversationId } = await inboundFrom(customer());
      const id = (await reply(conversationId, unique('recibos'))).json().id;
      const row = await until(() => messageRow(id), (m) => m.delivery_status === 'sent');
      for (const status of ['read', 'delivered', 'read'] as const) expect((await post(h.build.status!(channel, { externalId: row.external_id!, status }))).statusCode).toBe(200);
      expect((await messageRow(id)).delivery_status).toBe('read');
      const changes = await queryRows<{ s: string }>(t.ctx.db, sql`SELECT payload->>'status' AS s FROM events WHERE type = 'message.status_changed' AND (payload->>'messageId')::bigint = ${id} ORDER BY id`);
      expect(changes.map((c) => c.s)).toEqual(['sent', 'read']);
    });

    contractCase('send_interactive', 'sends buttons', () => h.adapter.capabilities.interactive, async () => {
      const who = customer();
      const sent = await send(who, { type: 'interactive', text: '¿Confirma su cita?', buttons: [{ id: 'yes', title: 'Sí' }, { id: 'no', title: 'No' }] });
      expect(sent.externalId).toBeTruthy();
      expect(fake.sentTo(who).at(-1)).toMatchObject({ text: '¿Confirma su cita?', buttons: ['Sí', 'No'] });
    });

    contractCase('send_media', 'sends files with a caption', () => h.adapter.capabilities.media.types.length > 0, async () => {
      const who = customer();
      const attachments = [
        { url: 'http://127.0.0.1:9/files/foto.jpg', filename: 'foto.jpg', contentType: 'image/jpeg', size: 10 },
        { url: 'http://127.0.0.1:9/files/factura.pdf', filename: 'factura.pdf', contentType: 'application/pdf', size: 20 },
      ];
      const sent = await send(who, { type: 'media', text: 'Aquí tiene', attachments });
      expect(sent.externalId).toBeTruthy();
      const media = fake.sentTo(who).flatMap((s) => s.media ?? []);
      expect(media).toEqual(attachments.map((a) => a.url));
      expect(fake.sentTo(who).map((s) => s.text).join(' ')).toContain('Aquí tiene');
    });

    const errorClass = (kind: SendFailure, title: string) =>
      contractCase(`error_${kind}`, title, () => true, async () => {
        const expected = fake.failNextSend(kind);
        const err = await send(customer(), { type: 'text', text: 'fallará' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ChannelSendError);
        const e = err as ChannelSendError;
        expect(e.kind).toBe(kind);
        expect(e.providerCode).toBe(expected.providerCode);
        expect(e.message).toMatch(expected.text);
        if (kind === 'rate_limited') expect(e.retryAfterMs).toBe(expected.retryAfterMs);
      });
    errorClass('retryable', 'classifies a provider outage as retryable');
    errorClass('rate_limited', 'classifies a rate limit as rate-limited with the provider\'s retry-after');
    errorClass('permanent', 'classifies a refusal as permanent with the provider\'s code and text');

    // With the error classes: an adapter without a provider to refuse it (web chat) skips these with them.
    contractCase('error_permanent', 'a permanent failure marks the reply failed with the provider\'s reason', () => true, async () => {
      const who = customer();
      const { conversationId } = await inboundFrom(who);
      const expected = fake.failNextSend('permanent');
      const res = await reply(conversationId, unique('no llegará'));
      const row = await until(() => messageRow(res.json().id), (m) => m.delivery_status === 'failed');
      expect(row.delivery_status).toBe('failed');
      expect(row.failure_reason).toContain(`${expected.providerCode}: `);
      expect(row.failure_reason).toMatch(expected.text);
    });

    contractCase('error_retryable', 'the last retry of a retryable failure marks the reply failed', () => true, async () => {
      const { conversationId } = await inboundFrom(customer());
      const [m] = await queryRows<{ id: number }>(t.ctx.db, sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, body, delivery_status)
        VALUES (${owner.workspaceId}, ${conversationId}, ${channel.id}, 'message', 'outbound', 'api', 'último intento', 'queued') RETURNING id`);
      const expected = fake.failNextSend('retryable');
      await sendOutboundJob.handle(t.ctx, { workspaceId: owner.workspaceId, messageId: m.id }, { id: 'x', retryCount: 8, retryLimit: 8 });
      const row = await messageRow(m.id);
      expect(row.delivery_status).toBe('failed');
      expect(row.failure_reason).toMatch(expected.text);
    });
  });
}
