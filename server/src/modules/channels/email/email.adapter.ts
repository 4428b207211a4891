/**
 * Email: mail comes in by IMAP polling (poll-mailbox.ts, run by the email.poll job), not by webhook, and goes
 * out by SMTP. Gmail works with IMAP/SMTP and an app password.
 */
import { ChannelSendError, type ChannelAdapter } from '../channel.js';
import { emailChannelOf } from './email-settings.js';
import { composeReply } from './email-compose.js';
import { downloadAttachments, sendMail, smtpTransport } from './smtp-send.js';
import { imapErrorText, withMailbox } from './imap-mailbox.js';

export const emailAdapter: ChannelAdapter = {
  type: 'email',
  capabilities: {
    // What common providers accept per message (Gmail and Outlook: 25 MB, before base64).
    media: { types: ['*/*'], maxBytes: 25 * 1_048_576 },
    replyWindow: { durationMs: null },
    templates: false,
    interactive: false,
    threadsReplies: true,
  },
  /** Nothing is delivered to /hooks/email/…: a POST there is never authentic (401). */
  verify: () => false,
  parse: () => [],
  async send(channel, message, opts) {
    if (message.content.type === 'template') throw new ChannelSendError('permanent', 'Email has no message templates: send text instead');
    const email = emailChannelOf(channel);
    const files = message.content.type === 'media' ? await downloadAttachments(message.content.attachments, opts.timeoutMs) : [];
    const composed = composeReply(email, message, files);
    await sendMail(email, composed.mail, opts.timeoutMs);
    return { externalId: composed.messageId };
  },
  /** The settings' "test connection" (and the check after creation): both logins, and INBOX readable. */
  async connect(channel, _webhook, opts) {
    const email = emailChannelOf(channel);
    const problems: string[] = [];
    await withMailbox(email, opts.timeoutMs, async () => {}).catch((err) => problems.push(`IMAP ${email.config.imap.host}:${email.config.imap.port}: ${imapErrorText(err)}`));
    const transport = smtpTransport(email, opts.timeoutMs);
    await transport
      .verify()
      .catch((err: Error & { response?: string }) => problems.push(`SMTP ${email.config.smtp.host}:${email.config.smtp.port}: ${err.response ?? err.message}`))
      .finally(() => transport.close());
    if (problems.length) throw new Error(problems.join(' · '));
  },
};
