/**
 * Delivery status notifications (RFC 3464): `multipart/report; report-type=delivery-status` with a
 * `message/delivery-status` part (per-recipient Action, Status, Diagnostic-Code) and the original message or its
 * headers, from which the original Message-ID correlates the report with the message we sent.
 */
import type { Email } from 'postal-mime';
import { firstMessageId } from './message-ids.js';

export interface DeliveryReport {
  /** The Message-ID of the message the report is about (without angle brackets), when the report carries it. */
  originalMessageId: string | null;
  action: 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded' | 'unknown';
  recipient?: string;
  /** RFC 3463 enhanced status code, e.g. 5.1.1. */
  status?: string;
  diagnostic?: string;
}

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

const text = (content: Email['attachments'][number]['content']) =>
  typeof content === 'string' ? content : Buffer.from(content as ArrayBuffer).toString('utf8');

/** Header-style fields, folded lines joined; blocks separated by blank lines. */
function fieldBlocks(body: string): Array<Map<string, string>> {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const m = line.match(/^([A-Za-z-]+)\s*:\s*(.*)$/);
        if (m) fields.set(m[1].toLowerCase(), m[2].trim());
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

function headerValue(headers: string, name: string): string | undefined {
  const unfolded = headers.replace(/\r\n?/g, '\n').split(/\n\n/)[0].replace(/\n[ \t]+/g, ' ');
  return unfolded.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im'))?.[1]?.trim();
}

/** The report, when the message is a DSN; null for any other message. */
export function deliveryReportOf(email: Email): DeliveryReport | null {
  const statusPart = email.attachments.find((a) => STATUS_TYPES.has(a.mimeType));
  if (!statusPart) return null;
  const blocks = fieldBlocks(text(statusPart.content));
  const recipients = blocks.filter((b) => b.has('action'));
  // Several recipients: the failed one decides (we send one recipient per message).
  const chosen = recipients.find((b) => b.get('action')?.toLowerCase() === 'failed') ?? recipients[0];
  const original = email.attachments.find((a) => ORIGINAL_TYPES.has(a.mimeType));
  const originalId = original ? headerValue(text(original.content), 'Message-ID') : undefined;
  const action = (chosen?.get('action')?.toLowerCase() ?? 'unknown') as DeliveryReport['action'];
  return {
    originalMessageId: firstMessageId(originalId),
    action: ['failed', 'delayed', 'delivered', 'relayed', 'expanded'].includes(action) ? action : 'unknown',
    recipient: chosen?.get('final-recipient')?.replace(/^rfc822\s*;\s*/i, ''),
    status: chosen?.get('status'),
    diagnostic: chosen?.get('diagnostic-code')?.replace(/^smtp\s*;\s*/i, ''),
  };
}
