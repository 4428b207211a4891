/**
 * An agent's reply as an email: our own Message-ID (stored as the message's external id, so the customer's
 * answer threads back and a bounce finds it), In-Reply-To and References to the customer's latest message,
 * a Reply-To carrying the conversation's token (reply-token.ts), "Re: <their subject>", text and HTML, attachments.
 */
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { OutboundMessage } from '../channel.js';
import type { EmailChannel } from './email-settings.js';
import { bracketed } from './message-ids.js';
import { channelTag, replyAddress } from './reply-token.js';

/** RFC 5322 allows trimming long References; the first id (the thread's root) and the latest ones matter. */
const MAX_REFERENCES = 20;

export interface ComposedEmail {
  messageId: string;
  mail: Mail.Options;
}

/** Unique to this installation (threadKey) and the same on every retry of one message, so a resend is a duplicate the customer's client folds. */
export function outboundMessageId(channel: EmailChannel, messageId: number): string {
  const tag = channelTag(channel, `${channel.id}:${messageId}`, 16);
  const domain = channel.config.address.split('@')[1];
  return `atiende.${messageId}.${tag}@${domain}`;
}

export function replySubject(subject: string | undefined, fallback: string): string {
  const s = (subject ?? '').trim();
  if (!s) return fallback;
  return /^re\s*:/i.test(s) ? s : `Re: ${s}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function textToHtml(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body><div dir="auto">${paragraphs.join('\n')}</div></body></html>`;
}

interface ThreadParent {
  messageId: string;
  references: string[];
}

/** Email has no buttons: their titles become a list under the text, for the customer to answer with. */
function bodyText(content: OutboundMessage['content']): string {
  if (content.type === 'interactive') return [content.text, ...content.buttons.map((b) => `- ${b.title}`)].join('\n');
  return content.type === 'template' ? '' : content.text;
}

/** What the customer's latest message says about its thread (stored by the poller as meta.email). */
function parentOf(inReplyTo: OutboundMessage['inReplyTo']): ThreadParent | null {
  if (!inReplyTo) return null;
  const email = (inReplyTo.meta.email ?? {}) as { messageId?: string | null; references?: unknown };
  const references = Array.isArray(email.references) ? email.references.filter((r): r is string => typeof r === 'string') : [];
  // A message without a Message-ID was stored under a content hash, which is no id to thread on.
  const messageId = email.messageId ?? (inReplyTo.externalId.startsWith('sha256:') ? null : inReplyTo.externalId);
  return messageId ? { messageId, references } : null;
}

export function composeReply(channel: EmailChannel, message: OutboundMessage, files: Mail.Attachment[]): ComposedEmail {
  const { config } = channel;
  const messageId = outboundMessageId(channel, message.messageId);
  const parent = parentOf(message.inReplyTo);
  const text = bodyText(message.content);
  const references = parent ? [...parent.references.filter((r) => r !== parent.messageId), parent.messageId] : [];
  const trimmed = references.length > MAX_REFERENCES ? [references[0], ...references.slice(-(MAX_REFERENCES - 1))] : references;
  const fallbackSubject = config.name ?? config.address;
  const subject = replySubject(((message.inReplyTo?.meta.email ?? {}) as { subject?: string }).subject, fallbackSubject);
  const replyTo = replyAddress(channel, message.conversationId);
  return {
    messageId,
    mail: {
      from: { name: config.name ?? '', address: config.address },
      // From stays the mailbox's own address (the one SMTP authenticates and SPF/DKIM vouch for); answers come back by the token.
      ...(replyTo ? { replyTo: { name: config.name ?? '', address: replyTo } } : {}),
      to: message.contactExternalId,
      subject,
      text,
      html: textToHtml(text),
      messageId: bracketed(messageId),
      ...(parent ? { inReplyTo: bracketed(parent.messageId), references: trimmed.map(bracketed) } : {}),
      attachments: files,
      // Ask for failure reports only (where the server supports DSN), with the original headers to correlate them.
      dsn: { id: messageId, return: 'headers', notify: ['failure', 'delay'], recipient: config.address },
    },
  };
}
