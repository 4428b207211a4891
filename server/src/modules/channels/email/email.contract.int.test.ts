import crypto from 'node:crypto';
import { describe, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runChannelContract, type ContractFake } from '../__contract__/channel-contract.js';
import { emailAdapter } from './email.adapter.js';
import { pollMailbox } from './poll-mailbox.js';
import { queryRows } from '../../../platform/db/db.js';
import { dovecotMissing, startDovecot, type DovecotFake } from '../../../../test/fakes/dovecot.js';
import { startSmtpInbox } from '../../../../test/fakes/smtp-inbox.js';
import { customerMail, type MailFile } from '../../../../test/fakes/mail-builder.js';
import { createEmailChannel, SMTP_AUTH, type EmailTestChannel } from '../../../../test/email-fixtures.js';

/** The contract's customers are numbers: each writes from its own address. */
const addressOf = (customer: string) => `cliente-${customer}@cliente.test`;
type Built = { mails: Array<{ raw: string; messageId: string }> };

let dovecot: DovecotFake;
let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
const files = new Map<string, MailFile>();
const run = crypto.randomBytes(4).toString('hex');

const mail = (id: string, customer: string, text: string, attachments?: MailFile[]) => {
  const built = customerMail({ from: addressOf(customer), fromName: `Cliente ${customer.slice(-4)}`, to: 'soporte@empresa.test', subject: 'Consulta', text, messageId: `${id}.${run}@cliente.test`, attachments });
  return { raw: built.raw, messageId: built.messageId! };
};

function contractFake(): ContractFake {
  return {
    failNextSend(kind) {
      if (kind === 'retryable') {
        smtp.failNext({ code: 451, message: '4.3.0 Temporary local problem, please try later' });
        return { providerCode: '451', text: /Temporary local problem/ };
      }
      if (kind === 'rate_limited') {
        smtp.failNext({ code: 421, message: '4.7.0 Too many messages from you, slow down' });
        return { providerCode: '421', text: /Too many messages/, retryAfterMs: 60_000 };
      }
      smtp.failNext({ code: 550, message: '5.1.1 Recipient address rejected: User unknown in virtual mailbox table' });
      return { providerCode: '550', text: /Recipient address rejected: User unknown/ };
    },
    sentTo: (customer) =>
      smtp.sources
        .filter((s) => s.to.includes(addressOf(customer)))
        .map((s) => ({ text: (s.parsed.text ?? '').trim(), ...(s.parsed.attachments.length ? { media: s.parsed.attachments.map((a) => a.filename ?? '') } : {}) })),
    hostFile(bytes, contentType, filename) {
      const id = `file-${files.size + 1}`;
      files.set(id, { content: bytes, contentType, filename });
      return id;
    },
    async close() {
      await dovecot?.stop();
      await smtp?.close();
    },
  };
}

const missing = dovecotMissing();
if (missing) {
  describe.skip(`channel contract: email — skipped: ${missing}`, () => it('needs Dovecot', () => {}));
} else {
  runChannelContract<EmailTestChannel>('email', {
    adapter: emailAdapter,
    async startFake() {
      dovecot = await startDovecot();
      smtp = await startSmtpInbox({ auth: SMTP_AUTH });
      return { fake: contractFake(), env: {} };
    },
    createChannel: (t, admin) => createEmailChannel(t, admin, dovecot, smtp),
    sign: () => ({}),
    contactId: addressOf,
    build: {
      message: (_c, e): Built => ({ mails: [mail(e.id, e.customer, e.text)] }),
      batch: (_c, events): Built => ({ mails: events.map((e) => mail(e.id, e.customer, e.text)) }),
      media: (_c, e): Built => ({ mails: [mail(e.id, e.customer, e.text, [files.get(e.file)!])] }),
    },
    /** The customers' mail reaches the mailbox (IMAP APPEND); then the channel polls it until every message is stored. */
    async deliver(t, channel, body) {
      const { mails } = body as Built;
      for (const m of mails) await dovecot.append(m.raw);
      const ids = mails.map((m) => m.messageId);
      const deadline = Date.now() + 20_000;
      for (;;) {
        await pollMailbox(t.ctx, channel.id);
        const rows = await queryRows<{ id: number; conversation_id: number; external_id: string }>(t.ctx.db, sql`
          SELECT id, conversation_id, external_id FROM messages WHERE channel_id = ${channel.id} AND external_id IN ${ids}`);
        if (new Set(rows.map((r) => r.external_id)).size === new Set(ids).size) {
          const results = ids.map((id) => rows.find((r) => r.external_id === id)!).map((r) => ({ kind: 'message', messageId: r.id, conversationId: r.conversation_id }));
          return { statusCode: 200, json: () => (results.length === 1 ? { ok: true, ...results[0] } : { ok: true, results }) };
        }
        if (Date.now() > deadline) return { statusCode: 504, json: () => ({ error: 'not stored within 20 s' }) };
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    skip: {
      handshake: 'email has no webhook: the mailbox is polled over IMAP',
      signature: 'no webhook to sign: mail is fetched by IMAP with the mailbox\'s own login (a POST to /hooks/email/:id is refused, 401: email.int.test.ts)',
      malformed: 'no webhook body: an unparseable mail is skipped by the poller and its UID passed (email.int.test.ts)',
      interactive_reply: 'email has no buttons to tap',
      reaction: 'email has no reactions',
      read: 'read receipts (MDN, RFC 8098) are rare and never requested',
      echo: 'mail sent from another client goes to its Sent folder, which is not polled (a copy reaching INBOX is recognised by its Message-ID)',
      edit: 'a sent email cannot be edited',
      status_order: 'email has no delivered/read receipts; only a bounce (DSN) changes a sent reply, to failed (email.int.test.ts)',
      send_interactive: 'email has no buttons: their titles are listed under the text (email-compose.test.ts)',
      send_media: 'email carries the bytes, read from our signed links, which the contract\'s placeholder links (port 9) do not serve; sent with served files in email.int.test.ts',
    },
  });
}
