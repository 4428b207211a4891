/**
 * Parsed emails into the inbox: customers' messages through ingestInbound (the Message-ID is the dedupe key),
 * delivery reports as the failed status of the reply they are about (never a customer's message), then each
 * stored message's files into storage. Threading: a message answering one we know (In-Reply-To, then References
 * from the newest) or sent to a conversation's reply token (reply-token.ts) records it in meta.email.threadOf and
 * goes to that conversation (the ingest's conversationHint: reopened whatever its age, whoever of the customer's
 * addresses wrote); other mail follows the ingest's rule (the contact's open conversation, or the last one when
 * closed within the reopen window). So does an automatic reply: an out-of-office must not reopen an old thread.
 */
import type { AppContext } from '../../../platform/context.js';
import type { InboundEvent } from '../channel.js';
import type { LoadedChannel } from '../load-channel.js';
import { ingestInbound } from '../../messages/ingest-inbound.js';
import { findByExternalIds } from '../../messages/messages.repo.js';
import type { CustomerEmail, EmailFile, ParsedEmail } from './email-parse.js';
import type { DeliveryReport } from './delivery-report.js';
import type { EmailChannel } from './email-settings.js';
import { storeEmailFiles } from './store-email-files.js';
import { conversationOfAddress, conversationOfRecipients } from './reply-token.js';

export interface FetchedEmail {
  uid: number;
  size: number;
  /** Only its first bytes were read: over the size limit. */
  truncated: boolean;
  parsed: ParsedEmail;
}

export interface IngestCounts {
  stored: number;
  duplicates: number;
  reports: number;
  skipped: number;
}

type Pending = { files: EmailFile[]; failures: Array<{ url: string; reason: string }> };

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** A bounce fails the reply it is about; a "delivered" report moves it forward; a delay changes nothing yet. */
function reportEvent(report: DeliveryReport): InboundEvent | null {
  if (!report.originalMessageId) return null;
  if (report.action === 'failed') {
    const reason = [report.status, report.diagnostic ?? `delivery to ${report.recipient ?? 'the recipient'} failed`].filter(Boolean).join(': ');
    return { kind: 'status', externalId: report.originalMessageId, status: 'failed', reason, ...(report.status ? { providerCode: report.status } : {}) };
  }
  if (report.action === 'delivered') return { kind: 'status', externalId: report.originalMessageId, status: 'delivered' };
  return null;
}

function threadIdsOf(email: CustomerEmail): string[] {
  return [...(email.email.inReplyTo ? [email.email.inReplyTo] : []), ...[...email.email.references].reverse()];
}

/** The conversation a customer's mail answers: the one of the message it replies to, else the one its reply token names. */
function threadOf(email: EmailChannel, p: CustomerEmail, known: Map<string, { id: number; conversationId: number }>) {
  const parent = threadIdsOf(p).map((id) => known.get(id)).find(Boolean);
  if (parent) return { messageId: parent.id, conversationId: parent.conversationId };
  const conversationId = conversationOfRecipients(email, p.recipients);
  return conversationId ? { conversationId, replyToken: true } : null;
}

/** Our mailbox's address, or one of its reply tokens (a copy of our own reply, answered to its Reply-To). */
const isOwnAddress = (email: EmailChannel, address: string) => address === email.config.address.toLowerCase() || conversationOfAddress(email, address) !== null;

export async function ingestEmails(ctx: AppContext, channel: LoadedChannel, email: EmailChannel, fetched: FetchedEmail[], uploadLimit: number): Promise<IngestCounts> {
  const counts: IngestCounts = { stored: 0, duplicates: 0, reports: 0, skipped: 0 };
  const customerEmails = fetched.filter((f): f is FetchedEmail & { parsed: CustomerEmail } => f.parsed.kind === 'message');
  const known = new Map(
    (await findByExternalIds(ctx.db, channel.id, [...new Set(customerEmails.flatMap((f) => threadIdsOf(f.parsed)))])).map((k) => [k.externalId!, k]),
  );

  const events: InboundEvent[] = [];
  const pending: Pending[] = [];
  for (const f of fetched) {
    const p = f.parsed;
    if (p.kind === 'delivery_report') {
      const event = reportEvent(p.report);
      counts.reports++;
      if (event) {
        events.push(event);
        pending.push({ files: [], failures: [] });
      }
      continue;
    }
    // Not a customer: unparseable, or our own address (a copy of mail we sent reaching the inbox).
    if (p.kind === 'unusable' || isOwnAddress(email, p.contact.externalId)) {
      counts.skipped++;
      if (p.kind === 'unusable') ctx.log.warn({ channelId: channel.id, uid: f.uid, reason: p.reason }, 'email skipped');
      continue;
    }
    const thread = threadOf(email, p, known);
    events.push({
      kind: 'message',
      externalId: p.externalId,
      contact: p.contact,
      text: p.text,
      sentAt: p.sentAt,
      meta: {
        email: { ...p.email, ...(thread ? { threadOf: thread } : {}) },
        // Automatic mail (out of office, bulk, DSN-like): stored, but nothing may answer it automatically.
        ...(p.email.autoReply ? { autoReply: true } : {}),
      },
      ...(thread && !p.email.autoReply ? { conversationHint: { id: thread.conversationId } } : {}),
    });
    pending.push({
      files: p.files,
      failures: f.truncated ? [{ url: '', reason: `The email is ${mb(f.size)}, over the ${mb(uploadLimit * 2)} limit: only its text was read; its files are in the mailbox` }] : [],
    });
  }
  if (events.length === 0) return counts;

  const results = await ingestInbound(ctx, { id: channel.id, workspaceId: channel.workspaceId, defaultTeamId: channel.defaultTeamId, botEnabled: channel.botEnabled }, events);
  for (const [i, r] of results.entries()) {
    if (r.kind !== 'message') continue;
    if (r.duplicate) counts.duplicates++;
    else counts.stored++;
    await storeEmailFiles(ctx, channel.workspaceId, r.messageId, pending[i].files, pending[i].failures);
  }
  return counts;
}
