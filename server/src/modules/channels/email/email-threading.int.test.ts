import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, eventsOfType, type Session } from '../../../../test/fixtures.js';
import { dovecotMissing, startDovecot, type DovecotFake } from '../../../../test/fakes/dovecot.js';
import { startSmtpInbox } from '../../../../test/fakes/smtp-inbox.js';
import { autoReplyMail, customerMail, type CustomerMailInput } from '../../../../test/fakes/mail-builder.js';
import { createEmailChannel, pollNow, SMTP_AUTH, SUPPORT_ADDRESS, until } from '../../../../test/email-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';

const missing = dovecotMissing();
const suite = (name: string, fn: Parameters<typeof describeEachDriver>[1]) =>
  missing ? describe.skip(`${name} — skipped: ${missing}`, () => it('needs Dovecot', () => {})) : describeEachDriver(name, fn);

type Row = { id: number; body: string; meta: any; conversation_id: number; sender_id: number | null; external_id: string; delivery_status: string | null };
type ConversationRow = { id: number; status: string; contact_id: number; closed_at: Date | null };

suite('email channel: threading by the reply token, and replies to closed conversations', (driver) => {
  let t: TestApp;
  let owner: Session;
  let dovecot: DovecotFake;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  let channelId: number;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpInbox({ auth: SMTP_AUTH });
    t = await createTestApp(driver);
    ({ owner } = await createWorkspace(t));
    channelId = (await createEmailChannel(t, owner, dovecot, smtp)).id;
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
    await smtp?.close();
  });

  const api = (method: 'POST' | 'PATCH', url: string, payload?: object) => t.server.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
  const columns = sql`id, body, meta, conversation_id, sender_id, external_id, delivery_status`;
  const byExternalId = async (id: string) => (await queryRows<Row>(t.ctx.db, sql`SELECT ${columns} FROM messages WHERE channel_id = ${channelId} AND external_id = ${id}`))[0];
  const messageRow = async (id: number) => (await queryRows<Row>(t.ctx.db, sql`SELECT ${columns} FROM messages WHERE id = ${id}`))[0];
  const conversation = async (id: number) =>
    (await queryRows<ConversationRow>(t.ctx.db, sql`SELECT id, status, contact_id, closed_at FROM conversations WHERE id = ${id}`))[0];
  const conversationsOf = async (contactId: number) =>
    (await queryRows<{ id: number }>(t.ctx.db, sql`SELECT id FROM conversations WHERE channel_id = ${channelId} AND contact_id = ${contactId} ORDER BY id`)).map((r) => r.id);
  const countIn = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channelId}`))[0].n;

  /** A customer's mail, in the mailbox and stored. */
  const customerWrites = async (input: Omit<CustomerMailInput, 'to'> & { to?: string }) => {
    const m = customerMail({ to: SUPPORT_ADDRESS, ...input });
    await dovecot.append(m.raw);
    await pollNow(t.ctx, channelId);
    return { ...m, row: await byExternalId(m.messageId!) };
  };
  /** An agent's reply, sent: its row and the mail the SMTP server received. */
  const reply = async (conversationId: number, body: string) => {
    const res = await api('POST', `/api/v1/conversations/${conversationId}/messages`, { body });
    expect(res.statusCode).toBe(201);
    const row = await until(() => messageRow(res.json().id), (m) => m.delivery_status !== 'queued');
    expect(row.delivery_status).toBe('sent');
    return { row, sent: smtp.sources.find((s) => s.parsed.messageId === `<${row.external_id}>`)! };
  };
  /** A customer writes, we answer: the conversation, our reply and the token address it answers to. */
  const threadWith = async (from: string) => {
    const first = await customerWrites({ from, subject: 'Consulta de pedido', text: '¿Dónde está mi pedido?' });
    const ours = await reply(first.row.conversation_id, 'Sale mañana.');
    return { first, conversationId: first.row.conversation_id, ours: ours.row, token: ours.sent.parsed.replyTo?.[0]?.address ?? '' };
  };
  /** Closed through the API, then dated three days back: far outside the workspace's reopen window (60 minutes). */
  const closedThreeDaysAgo = async (conversationId: number) => {
    expect((await api('POST', `/api/v1/conversations/${conversationId}/close`)).statusCode).toBe(200);
    await queryRows(t.ctx.db, sql`UPDATE conversations SET closed_at = closed_at - interval '3 days' WHERE id = ${conversationId} RETURNING id`);
  };

  it('our replies answer to the conversation\'s token address (Reply-To) while From stays the mailbox; "off" leaves the token out', async () => {
    const { conversationId, token, ours } = await threadWith('irene@cliente.test');
    const sent = smtp.sources.find((s) => s.parsed.messageId === `<${ours.external_id}>`)!;
    expect(sent.parsed.from).toEqual({ name: 'Soporte Empresa', address: SUPPORT_ADDRESS });
    expect(sent.parsed.replyTo).toEqual([{ name: 'Soporte Empresa', address: token }]);
    expect(token).toMatch(new RegExp(`^soporte\\+c${conversationId}\\.[0-9a-f]{12}@empresa\\.test$`));

    expect((await api('PATCH', `/api/v1/channels/${channelId}`, { config: { replyAddressToken: 'off' } })).statusCode).toBe(200);
    try {
      const plain = await reply(conversationId, 'Sin token');
      expect(plain.sent.parsed.replyTo).toBeUndefined();
      expect(plain.sent.parsed.from).toEqual({ name: 'Soporte Empresa', address: SUPPORT_ADDRESS });
    } finally {
      expect((await api('PATCH', `/api/v1/channels/${channelId}`, { config: { replyAddressToken: 'plus' } })).statusCode).toBe(200);
    }
    expect((await api('PATCH', `/api/v1/channels/${channelId}`, { config: { replyAddressToken: 'siempre' } })).statusCode).toBe(400);
  });

  it('a reply without In-Reply-To or References, sent to the token (To), joins its conversation', async () => {
    const { conversationId, token } = await threadWith('tomas@cliente.test');
    await closedThreeDaysAgo(conversationId); // so the usual rule would start a new conversation
    const answer = await customerWrites({ from: 'tomas@cliente.test', to: token, subject: 'Pregunta', text: '¿Y el domingo?' });
    expect(answer.raw).not.toMatch(/In-Reply-To|References/);
    expect(answer.row).toMatchObject({ conversation_id: conversationId, body: '¿Y el domingo?' });
    expect(answer.row.meta.email.threadOf).toEqual({ conversationId, replyToken: true });
    expect((await conversation(conversationId)).status).not.toBe('closed');
  });

  it('a token in Cc or Delivered-To threads mail from another address of the customer into the conversation, without merging contacts', async () => {
    const { conversationId, token } = await threadWith('paula@cliente.test');
    const owner = (await conversation(conversationId)).contact_id;

    const fromWork = await customerWrites({ from: 'paula.trabajo@oficina.test', headers: { Cc: token }, subject: 'Desde la oficina', text: 'Soy Paula, desde la oficina' });
    expect(fromWork.row.conversation_id).toBe(conversationId);
    expect(fromWork.row.sender_id).not.toBe(owner);
    expect(await conversationsOf(fromWork.row.sender_id!)).toEqual([]);
    const identities = await queryRows<{ contact_id: number; external_id: string }>(t.ctx.db, sql`
      SELECT contact_id, external_id FROM contact_identities WHERE channel_id = ${channelId} AND external_id IN ('paula@cliente.test', 'paula.trabajo@oficina.test') ORDER BY external_id`);
    expect(Object.fromEntries(identities.map((i) => [i.external_id, i.contact_id]))).toEqual({ 'paula@cliente.test': owner, 'paula.trabajo@oficina.test': fromWork.row.sender_id });

    const forwarded = await customerWrites({ from: 'paula.casa@hogar.test', to: 'ventas@empresa.test', headers: { 'Delivered-To': token, 'X-Original-To': 'ventas@empresa.test' }, subject: 'Reenvío', text: 'Por la lista de ventas' });
    expect(forwarded.row.conversation_id).toBe(conversationId);
    expect(forwarded.row.meta.email.threadOf).toEqual({ conversationId, replyToken: true });
    expect(await conversationsOf(forwarded.row.sender_id!)).toEqual([]);
    expect(await conversationsOf(owner)).toEqual([conversationId]);
  });

  it('a forged token, or one moved to another conversation, is ignored: the mail follows the usual rule', async () => {
    const { conversationId, token } = await threadWith('hugo@cliente.test');
    const other = await threadWith('ines@cliente.test');
    const tag = token.split('.')[1].split('@')[0];

    const forged = await customerWrites({ from: 'intruso@otro.test', to: `soporte+c${conversationId}.0123456789ab@empresa.test`, subject: 'Hola', text: 'forjado' });
    expect(forged.row.conversation_id).not.toBe(conversationId);
    expect(forged.row.meta.email.threadOf).toBeUndefined();
    expect(await conversationsOf(forged.row.sender_id!)).toEqual([forged.row.conversation_id]);

    const moved = await customerWrites({ from: 'intruso2@otro.test', headers: { Cc: `soporte+c${other.conversationId}.${tag}@empresa.test` }, subject: 'Hola', text: 'movido' });
    expect([conversationId, other.conversationId]).not.toContain(moved.row.conversation_id);
    expect(moved.row.meta.email.threadOf).toBeUndefined();
  });

  it('a reply to a conversation closed three days ago reopens that conversation, by its headers or by its token alone', async () => {
    const { first, conversationId, ours, token } = await threadWith('rosa@cliente.test');
    const contactId = (await conversation(conversationId)).contact_id;
    await closedThreeDaysAgo(conversationId);
    const reopenedBefore = (await eventsOfType(t, owner.workspaceId, 'conversation.reopened')).length;

    const byHeaders = await customerWrites({ from: 'rosa@cliente.test', subject: 'Re: Consulta de pedido', text: 'No ha llegado', inReplyTo: ours.external_id, references: [first.messageId!, ours.external_id] });
    expect(byHeaders.row.conversation_id).toBe(conversationId);
    expect(byHeaders.row.meta.email.threadOf).toEqual({ messageId: ours.id, conversationId });
    const reopened = await conversation(conversationId);
    expect(reopened.status).not.toBe('closed');
    expect(reopened.closed_at).toBeNull();
    expect(await conversationsOf(contactId)).toEqual([conversationId]);
    expect((await eventsOfType(t, owner.workspaceId, 'conversation.reopened')).length).toBe(reopenedBefore + 1);

    await closedThreeDaysAgo(conversationId);
    const byToken = await customerWrites({ from: 'rosa@cliente.test', to: token, subject: 'Sigue sin llegar', text: 'Sigue sin llegar' });
    expect(byToken.row.conversation_id).toBe(conversationId);
    expect((await conversation(conversationId)).status).not.toBe('closed');
    expect(await conversationsOf(contactId)).toEqual([conversationId]);
  });

  it('a new mail without a thread starts a new conversation; an old thread\'s reply reopens it once the open one is closed', async () => {
    const { conversationId: old, ours, token } = await threadWith('mario@cliente.test');
    const contactId = (await conversation(old)).contact_id;
    await closedThreeDaysAgo(old);

    const fresh = await customerWrites({ from: 'mario@cliente.test', subject: 'Tema nuevo', text: 'Quiero cambiar la dirección' });
    expect(fresh.row.conversation_id).not.toBe(old);
    expect(fresh.row.meta.email.threadOf).toBeUndefined();
    const current = fresh.row.conversation_id;
    expect((await conversation(current)).status).not.toBe('closed');

    // Only one conversation of a contact may be open: while the new one is, an answer to the old thread joins it (and says which thread it answers).
    const meanwhile = await customerWrites({ from: 'mario@cliente.test', to: token, subject: 'Re: Consulta de pedido', text: 'Sobre lo de antes', inReplyTo: ours.external_id });
    expect(meanwhile.row.conversation_id).toBe(current);
    expect(meanwhile.row.meta.email.threadOf).toEqual({ messageId: ours.id, conversationId: old });
    expect((await conversation(old)).status).toBe('closed');

    await api('POST', `/api/v1/conversations/${current}/close`);
    const later = await customerWrites({ from: 'mario@cliente.test', subject: 'Re: Consulta de pedido', text: 'Lo de antes, otra vez', inReplyTo: ours.external_id });
    expect(later.row.conversation_id).toBe(old);
    expect((await conversation(old)).status).not.toBe('closed');
    expect((await conversation(current)).status).toBe('closed');

    // The reopened older conversation is now his open one: his next mail without a thread joins it (no second open conversation).
    const next = await customerWrites({ from: 'mario@cliente.test', subject: 'Otra cosa', text: 'Y una cosa más' });
    expect(next.row.conversation_id).toBe(old);
    expect(await conversationsOf(contactId)).toEqual([old, current]);
  });

  it('an automatic reply to an old thread does not reopen it, and a copy of our own reply is passed over', async () => {
    const { conversationId, ours, token } = await threadWith('elena@cliente.test');
    await closedThreeDaysAgo(conversationId);
    const away = autoReplyMail({ from: 'elena@cliente.test', to: token, subject: 'Fuera de la oficina', text: 'Vuelvo el lunes', inReplyTo: ours.external_id });
    await dovecot.append(away.raw);
    await pollNow(t.ctx, channelId);
    const stored = await byExternalId(away.messageId!);
    expect(stored.meta).toMatchObject({ autoReply: true, email: { threadOf: { messageId: ours.id, conversationId } } });
    expect(stored.conversation_id).not.toBe(conversationId);
    expect((await conversation(conversationId)).status).toBe('closed');

    const count = await countIn();
    const copy = customerMail({ from: SUPPORT_ADDRESS, to: 'elena@cliente.test', subject: 'Re: Consulta de pedido', text: 'copia', headers: { 'Reply-To': `Soporte Empresa <${token}>` } });
    await dovecot.append(copy.raw);
    expect(await pollNow(t.ctx, channelId)).toMatchObject({ status: 'polled', skipped: 1, stored: 0 });
    expect(await countIn()).toBe(count);
  });
});
