/**
 * One raw message from the mailbox, understood: who wrote (the contact), what they wrote this time (quoted
 * history cut, HTML-only mail turned into text, the original kept), its threading ids, its files, and
 * whether it is a delivery report or an automatic reply rather than a customer writing.
 */
import crypto from 'node:crypto';
import PostalMime, { type Email, type Mailbox } from 'postal-mime';
import type { InboundContact } from '../channel.js';
import { deliveryReportOf, type DeliveryReport } from './delivery-report.js';
import { firstMessageId, messageIdsIn } from './message-ids.js';
import { trimQuotedText } from './quoted-text.js';
import { htmlToText } from './html-text.js';

export interface EmailFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface CustomerEmail {
  kind: 'message';
  /** The Message-ID, or a hash of the raw message when it has none (`sha256:<hex>`). */
  externalId: string;
  contact: InboundContact;
  /** What the customer wrote this time; the subject when the body is empty. */
  text: string;
  sentAt: Date;
  files: EmailFile[];
  /** Every address it was sent to (To, Cc, then Delivered-To and X-Original-To, which servers add), lower-case: where a reply token is looked for. */
  recipients: string[];
  /** Stored as meta.email. */
  email: {
    subject: string;
    messageId: string | null;
    inReplyTo: string | null;
    references: string[];
    from: string;
    to: string[];
    cc: string[];
    /** The text before quoted history was cut, when it was. */
    fullText?: string;
    /** The original HTML (up to MAX_HTML characters). */
    html?: string;
    htmlTruncated?: boolean;
    autoReply?: string;
  };
}

export type ParsedEmail = CustomerEmail | { kind: 'delivery_report'; report: DeliveryReport } | { kind: 'unusable'; reason: string };

const MAX_HTML = 256 * 1024;
const MAX_FILES = 20;
/** Dates outside this range are a broken or lying Date header: the server's arrival time is used instead. */
const EARLIEST = Date.UTC(1995, 0, 1);
const FUTURE_SLACK_MS = 24 * 3_600_000;

const header = (email: Email, key: string) => email.headers.find((h) => h.key === key)?.value.trim();

/** RFC 3834 and common practice: a message a program sent, which must never be answered automatically. */
export function autoReplyReason(email: Email): string | null {
  const auto = header(email, 'auto-submitted');
  if (auto && !/^no\b/i.test(auto)) return `Auto-Submitted: ${auto}`;
  const precedence = header(email, 'precedence');
  if (precedence && /^(bulk|junk|list|auto_reply)$/i.test(precedence)) return `Precedence: ${precedence}`;
  for (const key of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) if (header(email, key) !== undefined) return key.replace(/^x-a/, 'X-A');
  const returnPath = header(email, 'return-path');
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) return 'Return-Path: <>';
  return null;
}

/** The addresses in every occurrence of a header (a message may carry several Delivered-To). */
const headerAddresses = (email: Email, key: string) =>
  email.headers.filter((h) => h.key === key).flatMap((h) => h.value.match(/[^\s<>,;"']+@[^\s<>,;"']+/g) ?? []);

const mailboxes = (list: Email['to']): Mailbox[] => (list ?? []).flatMap((a) => (a.group ? a.group : [a])).filter((m) => !!m.address);

/** Replies go where Reply-To says (web forms relay mail that way); otherwise to the sender. */
function contactOf(email: Email): InboundContact | null {
  const from = mailboxes(email.from ? [email.from] : [])[0];
  const replyTo = mailboxes(email.replyTo);
  const who = replyTo.length === 1 ? replyTo[0] : from;
  if (!who?.address) return null;
  const address = who.address.trim().toLowerCase();
  const name = who.name?.trim() || (from?.address?.toLowerCase() === address ? from.name?.trim() : '') || undefined;
  return { externalId: address, email: address, ...(name ? { name } : {}) };
}

function sentAtOf(email: Email, receivedAt: Date): Date {
  const date = email.date ? new Date(email.date) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getTime() < EARLIEST || date.getTime() > receivedAt.getTime() + FUTURE_SLACK_MS) return receivedAt;
  return date;
}

const toBuffer = (content: Email['attachments'][number]['content']) =>
  typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : (content as Uint8Array));

export const contentHashId = (raw: Buffer) => `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;

/**
 * `truncated`: only the first bytes of an oversized message were fetched; its text is used, its files are not
 * (they would be cut), and the caller records why.
 */
export async function parseEmail(raw: Buffer, opts: { receivedAt: Date; truncated?: boolean }): Promise<ParsedEmail> {
  const email = await PostalMime.parse(raw);
  const report = deliveryReportOf(email);
  if (report) return { kind: 'delivery_report', report };
  const contact = contactOf(email);
  if (!contact) return { kind: 'unusable', reason: 'no sender address (From)' };

  const messageId = firstMessageId(email.messageId);
  const subject = (email.subject ?? '').trim();
  const written = email.text ?? (email.html ? htmlToText(email.html) : '');
  const { text, trimmed } = trimQuotedText(written);
  const autoReply = autoReplyReason(email);
  const html = email.html;
  const to = mailboxes(email.to).map((m) => m.address.toLowerCase());
  const cc = mailboxes(email.cc).map((m) => m.address.toLowerCase());
  const delivered = [...headerAddresses(email, 'delivered-to'), ...headerAddresses(email, 'x-original-to')].map((a) => a.toLowerCase());
  const files = opts.truncated
    ? []
    : email.attachments.slice(0, MAX_FILES).map((a, i) => ({
        filename: (a.filename ?? '').trim() || `adjunto-${i + 1}${a.mimeType === 'message/rfc822' ? '.eml' : ''}`,
        contentType: a.mimeType || 'application/octet-stream',
        content: toBuffer(a.content),
      }));

  return {
    kind: 'message',
    externalId: messageId ?? contentHashId(raw),
    contact,
    text: text || subject,
    sentAt: sentAtOf(email, opts.receivedAt),
    files,
    recipients: [...new Set([...to, ...cc, ...delivered])],
    email: {
      subject,
      messageId,
      inReplyTo: firstMessageId(email.inReplyTo),
      references: messageIdsIn(email.references),
      from: mailboxes(email.from ? [email.from] : [])[0]?.address?.toLowerCase() ?? contact.externalId,
      to,
      cc,
      ...(trimmed ? { fullText: written.replace(/\r\n?/g, '\n').trim() } : {}),
      ...(html ? { html: html.slice(0, MAX_HTML), ...(html.length > MAX_HTML ? { htmlTruncated: true } : {}) } : {}),
      ...(autoReply ? { autoReply } : {}),
    },
  };
}
