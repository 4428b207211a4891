import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../../test/harness.js';
import { createWorkspace, type Session } from '../../../../test/fixtures.js';
import { dovecotMissing, startDovecot, type DovecotFake } from '../../../../test/fakes/dovecot.js';
import { startSmtpInbox } from '../../../../test/fakes/smtp-inbox.js';
import { autoReplyMail, bounceMail, customerMail } from '../../../../test/fakes/mail-builder.js';
import { createEmailChannel, pollNow, SMTP_AUTH, SUPPORT_ADDRESS, until } from '../../../../test/email-fixtures.js';
import { queryRows } from '../../../platform/db/db.js';
import { openPostgres } from '../../../platform/db/postgres.js';
import { jobIdFor } from '../../../platform/queue/queue.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { pollMailbox } from './poll-mailbox.js';
import { claimPollerLease, releasePollerLease } from './mailbox-state.repo.js';
import { nextPollAt, pollMailboxJob, POLL_MAILBOX } from './poll-mailbox.job.js';

const missing = dovecotMissing();
const suite = (name: string, fn: Parameters<typeof describeEachDriver>[1]) =>
  missing ? describe.skip(`${name} — skipped: ${missing}`, () => it('needs Dovecot', () => {})) : describeEachDriver(name, fn);

const UPLOAD_LIMIT = 20_000;
type Row = { id: number; body: string; meta: any; conversation_id: number; external_id: string; direction: string; delivery_status: string | null; failure_reason: string | null };

suite('email channel: reading the mailbox', (driver) => {
  let t: TestApp;
  let owner: Session;
  let dovecot: DovecotFake;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  let channelId: number;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpInbox({ auth: SMTP_AUTH });
    t = await createTestApp(driver, { env: { UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) } });
    ({ owner } = await createWorkspace(t));
    channelId = (await createEmailChannel(t, owner, dovecot, smtp)).id;
  });
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
    await smtp?.close();
  });

  const poller = async () => (await loadChannelWithSecrets(t.ctx, channelId))!.config.poller as any;
  const byExternalId = async (id: string) =>
    (await queryRows<Row>(t.ctx.db, sql`SELECT id, body, meta, conversation_id, external_id, direction, delivery_status, failure_reason FROM messages WHERE channel_id = ${channelId} AND external_id = ${id}`))[0];
  const messageRow = async (id: number) =>
    (await queryRows<Row>(t.ctx.db, sql`SELECT id, body, meta, conversation_id, external_id, direction, delivery_status, failure_reason FROM messages WHERE id = ${id}`))[0];
  const countIn = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channelId}`))[0].n;
  const pendingPolls = async () =>
    Number((await t.ctx.database.executeSql(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') AND start_after <= now()`, [POLL_MAILBOX])).rows[0].n);
  const completedPolls = async () =>
    Number((await t.ctx.database.executeSql(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'completed' AND (data->>'channelId')::int = $2`, [POLL_MAILBOX, channelId])).rows[0].n);
  const reply = async (conversationId: number, body: string) => {
    const res = await t.server.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, headers: owner.headers, payload: { body } });
    expect(res.statusCode).toBe(201);
    return until(() => messageRow(res.json().id), (m) => m.delivery_status !== 'queued');
  };
  const sentWithId = (externalId: string) => smtp.sources.find((s) => s.parsed.messageId === `<${externalId}>`);
  /** A customer's mail, in the mailbox and stored. */
  const customerWrites = async (input: Omit<Parameters<typeof customerMail>[0], 'to'>) => {
    const m = customerMail({ to: SUPPORT_ADDRESS, ...input });
    await dovecot.append(m.raw);
    await pollNow(t.ctx, channelId);
    return { ...m, row: await byExternalId(m.messageId!) };
  };

  it('starts polling by itself once the channel exists, keeping UIDVALIDITY and the last UID in config.poller', async () => {
    await until(poller, (s) => !!s?.lastPolledAt);
    // Both kicks (the channel's creation and its connection check) have run, and nothing else is due.
    await until(completedPolls, (n) => n >= 2);
    await until(pendingPolls, (n) => n === 0);
    const p = await poller();
    const status = await dovecot.status();
    expect(p).toMatchObject({ mailbox: `${dovecot.host}:${dovecot.port}/${dovecot.user}`, uidValidity: String(status.uidValidity), lastUid: status.uidNext - 1, lastError: null, lease: null });
    const next = await t.ctx.database.executeSql(`SELECT start_after FROM pgboss.job WHERE name = $1 AND state = 'created' AND (data->>'channelId')::int = $2`, [POLL_MAILBOX, channelId]);
    expect(next.rows).toHaveLength(1); // the chain's next poll, once
    expect(new Date(next.rows[0].start_after).getTime()).toBe(nextPollAt(new Date(), 3600).getTime());
  });

  it('a first look reads what arrived in the last day only; afterwards every newer UID', async () => {
    const old = customerMail({ from: 'viejo@cliente.test', to: SUPPORT_ADDRESS, subject: 'Hace tres días', text: 'viejo' });
    const recent = customerMail({ from: 'nuevo@cliente.test', to: SUPPORT_ADDRESS, subject: 'Hoy', text: 'nuevo' });
    await dovecot.append(old.raw, { date: new Date(Date.now() - 3 * 24 * 3_600_000) });
    await dovecot.append(recent.raw);
    const reset = await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${channelId}`, headers: owner.headers, payload: { config: { poller: null } } });
    expect(reset.statusCode).toBe(200);
    await until(poller, (p) => !!p?.lastPolledAt && p.lastUid !== undefined); // the kick after the change, or ours
    await pollNow(t.ctx, channelId);
    expect(await byExternalId(old.messageId!)).toBeUndefined();
    expect((await byExternalId(recent.messageId!))?.body).toBe('nuevo');
    expect((await poller()).lastUid).toBe((await dovecot.status()).uidNext - 1);

    // A mail appended later with an old date has a newer UID: it is read.
    const late = customerMail({ from: 'tarde@cliente.test', to: SUPPORT_ADDRESS, subject: 'Tarde', text: 'llegó tarde' });
    await dovecot.append(late.raw, { date: new Date(Date.now() - 5 * 24 * 3_600_000) });
    await pollNow(t.ctx, channelId);
    expect((await byExternalId(late.messageId!))?.body).toBe('llegó tarde');
  });

  it('after a UIDVALIDITY change, re-reads the mailbox: what was stored stays once, what is new comes in', async () => {
    const before = await customerWrites({ from: 'ana@cliente.test', subject: 'Antes', text: 'antes del cambio' });
    expect(before.row).toBeDefined();
    const status = await dovecot.status();
    await dovecot.changeUidValidity(status.uidValidity + 1000);
    const after = customerWrites({ from: 'ana@cliente.test', subject: 'Después', text: 'después del cambio' });
    expect((await after).row?.body).toBe('después del cambio');
    expect((await poller()).uidValidity).toBe(String(status.uidValidity + 1000));
    const copies = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE external_id = ${before.messageId!}`);
    expect(copies[0].n).toBe(1);
  });

  it('threads the customer\'s answer to our reply into the conversation (meta.email.threadOf) and cuts the quoted history', async () => {
    const first = await customerWrites({ from: 'lucia@cliente.test', fromName: 'Lucía Gómez', subject: 'Envío a Maracaibo', text: '¿Tienen envío a Maracaibo?' });
    const ours = await reply(first.row.conversation_id, 'Sí, en 48 horas.');
    expect(ours.delivery_status).toBe('sent');
    const sent = sentWithId(ours.external_id)!;
    expect(sent.to).toEqual(['lucia@cliente.test']);
    expect(sent.parsed).toMatchObject({ subject: 'Re: Envío a Maracaibo', inReplyTo: `<${first.messageId}>`, references: `<${first.messageId}>`, from: { address: SUPPORT_ADDRESS, name: 'Soporte Empresa' } });
    expect(sent.parsed.text?.trim()).toBe('Sí, en 48 horas.');

    const quoted = 'Perfecto, gracias.\n\nEl lun, 2 mar 2026 a las 9:00, Soporte Empresa <soporte@empresa.test> escribió:\n> Sí, en 48 horas.';
    const answer = await customerWrites({ from: 'lucia@cliente.test', subject: 'Re: Envío a Maracaibo', text: quoted, inReplyTo: ours.external_id, references: [first.messageId!, ours.external_id] });
    expect(answer.row).toMatchObject({ conversation_id: first.row.conversation_id, body: 'Perfecto, gracias.' });
    expect(answer.row.meta.email).toMatchObject({ threadOf: { messageId: ours.id, conversationId: first.row.conversation_id }, fullText: quoted, subject: 'Re: Envío a Maracaibo' });
  });

  it('a bounce fails our reply with the reason and is not stored as a customer\'s message', async () => {
    const first = await customerWrites({ from: 'nadie@cliente.test', subject: 'Consulta', text: 'hola' });
    const ours = await reply(first.row.conversation_id, 'Le respondemos');
    const count = await countIn();
    await dovecot.append(bounceMail({ to: SUPPORT_ADDRESS, originalMessageId: ours.external_id, recipient: 'nadie@cliente.test' }).raw);
    await pollNow(t.ctx, channelId);
    const failed = await until(() => messageRow(ours.id), (m) => m.delivery_status === 'failed');
    expect(failed.delivery_status).toBe('failed');
    expect(failed.failure_reason).toBe('5.1.1: 550 5.1.1 <nadie@cliente.test>: Recipient address rejected: User unknown in virtual mailbox table');
    expect(await countIn()).toBe(count);
    const daemons = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM contact_identities WHERE external_id ILIKE 'mailer-daemon%'`);
    expect(daemons[0].n).toBe(0);
  });

  it('stores an automatic reply flagged (meta.autoReply) and the next reply still answers the customer\'s own mail', async () => {
    const first = await customerWrites({ from: 'marta@cliente.test', subject: 'Factura 88', text: 'Necesito la factura 88' });
    const ours = await reply(first.row.conversation_id, 'Se la enviamos hoy');
    const away = autoReplyMail({ from: 'marta@cliente.test', to: SUPPORT_ADDRESS, subject: 'Fuera de la oficina: Re: Factura 88', text: 'Vuelvo el lunes', inReplyTo: ours.external_id });
    await dovecot.append(away.raw);
    await pollNow(t.ctx, channelId);
    const stored = await byExternalId(away.messageId!);
    expect(stored.meta).toMatchObject({ autoReply: true, email: { autoReply: 'Auto-Submitted: auto-replied' } });
    const next = await reply(first.row.conversation_id, 'Adjuntamos la factura');
    expect(sentWithId(next.external_id)!.parsed).toMatchObject({ subject: 'Re: Factura 88', inReplyTo: `<${first.messageId}>` });
  });

  it('puts attachments in storage, records one over the upload limit, and reads only the text of a mail over twice the limit', async () => {
    const pdf = Buffer.from(`%PDF-1.4 ${'x'.repeat(900)}`);
    const big = Buffer.alloc(UPLOAD_LIMIT + 2000, 7);
    const withFiles = await customerWrites({
      from: 'pedro@cliente.test', subject: 'Documentos', text: 'Van los documentos',
      attachments: [{ filename: 'cédula.pdf', contentType: 'application/pdf', content: pdf }, { filename: 'video.bin', contentType: 'application/octet-stream', content: big }],
    });
    const timeline = (await t.server.app.inject({ method: 'GET', url: `/api/v1/conversations/${withFiles.row.conversation_id}/messages`, headers: owner.headers })).json().items;
    const msg = timeline.find((m: any) => m.id === withFiles.row.id);
    expect(msg.attachments).toHaveLength(1);
    expect(msg.attachments[0]).toMatchObject({ filename: 'cédula.pdf', contentType: 'application/pdf', size: pdf.length });
    expect((await t.server.app.inject({ method: 'GET', url: msg.attachments[0].url, headers: owner.headers })).rawPayload.equals(pdf)).toBe(true);
    expect(msg.meta.mediaFailures).toEqual([expect.objectContaining({ reason: expect.stringContaining('video.bin') })]);

    const huge = await customerWrites({
      from: 'pedro@cliente.test', subject: 'Muy grande', text: 'El texto sí llega',
      attachments: [{ filename: 'enorme.bin', contentType: 'application/octet-stream', content: Buffer.alloc(UPLOAD_LIMIT * 3, 1) }],
    });
    expect(huge.row.body).toBe('El texto sí llega');
    expect(huge.row.meta.mediaFailures).toEqual([expect.objectContaining({ reason: expect.stringMatching(/only its text was read/) })]);
  });

  it('passes over what is not a customer\'s mail (no sender, our own address) without storing it', async () => {
    const count = await countIn();
    await dovecot.append('To: soporte@empresa.test\r\nSubject: sin remitente\r\nMessage-ID: <sin-remitente@x.test>\r\n\r\nhola\r\n');
    await dovecot.append(customerMail({ from: SUPPORT_ADDRESS, to: SUPPORT_ADDRESS, subject: 'copia', text: 'copia de algo nuestro' }).raw);
    expect(await pollNow(t.ctx, channelId)).toMatchObject({ status: 'polled', skipped: 2, stored: 0 });
    expect(await countIn()).toBe(count);
    expect((await poller()).lastUid).toBe((await dovecot.status()).uidNext - 1);
  });

  it('lets one poll at a time read a mailbox; a lease a dead node left is taken over when it expires', async () => {
    const plant = (until: Date) => queryRows(t.ctx.db, sql`
      UPDATE channels SET config = jsonb_set(config, '{poller,lease}', ${JSON.stringify({ owner: 'nodo-muerto', until: until.toISOString() })}::jsonb) WHERE id = ${channelId} RETURNING id`);
    const logins = dovecot.logins();
    await plant(new Date(Date.now() + 60_000));
    expect(await pollMailbox(t.ctx, channelId)).toEqual({ status: 'busy' });
    expect(dovecot.logins()).toBe(logins);
    await plant(new Date(Date.now() - 1000));
    expect(await pollMailbox(t.ctx, channelId)).toMatchObject({ status: 'polled' });
    expect((await poller()).lease).toBeNull();

    // Two nodes (on PostgreSQL each with its own connections) claiming at once: exactly one gets the mailbox.
    const other = driver === 'postgres' ? await openPostgres(t.ctx.database.url!, 4) : null;
    try {
      const dbs = [t.ctx.db, other?.db ?? t.ctx.db];
      const until = new Date(Date.now() + 60_000);
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claimPollerLease(dbs[i % 2], channelId, { owner: `nodo-${i}`, until }, new Date())));
      const winners = claims.map((c, i) => (c ? `nodo-${i}` : null)).filter(Boolean);
      expect(winners).toHaveLength(1);
      await releasePollerLease(t.ctx.db, channelId, winners[0]!, { lastPolledAt: new Date(), lastError: null });

      const nodeB = other ? { ...t.ctx, database: other, db: other.db, nodeId: 'node-b' } : t.ctx;
      const outcomes = await Promise.all([pollMailbox(t.ctx, channelId), pollMailbox(nodeB, channelId)]);
      expect(outcomes.map((o) => o.status)).toContain('polled');
      expect(outcomes.every((o) => o.status === 'polled' || o.status === 'busy')).toBe(true);
      expect((await poller()).lease).toBeNull();
    } finally {
      await other?.close();
    }
  });

  it('refuses a POST to its webhook address (401): mail only comes in through the mailbox', async () => {
    const res = await t.server.app.inject({ method: 'POST', url: `/hooks/email/${channelId}`, headers: { 'content-type': 'application/json' }, payload: { from: 'x@y.z', text: 'falso' } });
    expect(res.statusCode).toBe(401);
  });

  it('the poll job schedules the next poll on the interval\'s grid once however many run, and a deactivated channel\'s chain ends', async () => {
    const job = { id: 'x', retryCount: 0, retryLimit: 10 };
    const { workspaceId } = owner;
    await pollMailboxJob.handle(t.ctx, { workspaceId, channelId }, job);
    await pollMailboxJob.handle(t.ctx, { workspaceId, channelId }, job);
    const due = nextPollAt(new Date(), 3600);
    const scheduled = await t.ctx.database.executeSql(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND id = $2::uuid`, [POLL_MAILBOX, jobIdFor(POLL_MAILBOX, `${channelId}:${due.getTime()}`)]);
    expect(Number(scheduled.rows[0].n)).toBe(1);

    expect((await t.server.app.inject({ method: 'PATCH', url: `/api/v1/channels/${channelId}`, headers: owner.headers, payload: { active: false } })).statusCode).toBe(200);
    const polledAt = (await poller()).lastPolledAt;
    const jobsBefore = Number((await t.ctx.database.executeSql(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1`, [POLL_MAILBOX])).rows[0].n);
    await pollMailboxJob.handle(t.ctx, { workspaceId, channelId }, job);
    expect((await poller()).lastPolledAt).toBe(polledAt);
    expect(Number((await t.ctx.database.executeSql(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1`, [POLL_MAILBOX])).rows[0].n)).toBe(jobsBefore);
    expect(await pollMailbox(t.ctx, channelId)).toEqual({ status: 'inactive' });
  });
});

describe('email poll schedule', () => {
  it('puts the next poll on the interval\'s grid', () => {
    expect(nextPollAt(new Date('2026-03-02T10:00:59.900Z'), 60).toISOString()).toBe('2026-03-02T10:01:00.000Z');
    expect(nextPollAt(new Date('2026-03-02T10:01:00.000Z'), 60).toISOString()).toBe('2026-03-02T10:02:00.000Z');
    expect(nextPollAt(new Date('2026-03-02T10:01:00.000Z'), 300).toISOString()).toBe('2026-03-02T10:05:00.000Z');
  });
});
