/**
 * SMTP submission with nodemailer, and what its failures mean for the send job: 4xx is transient (retried with
 * backoff; 4.7.x and "rate" / "too many" are the server throttling us), 5xx is permanent (the reason the agent
 * sees carries the code and text), and a connection that fails is retried.
 */
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { ChannelSendError, type OutboundAttachment } from '../channel.js';
import type { EmailChannel } from './email-settings.js';

/** SMTP gives no Retry-After: a throttled send waits this long. */
export const SMTP_THROTTLE_WAIT_MS = 60_000;

export function smtpTransport(channel: EmailChannel, timeoutMs: number) {
  const { smtp } = channel.config;
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: { user: smtp.user, pass: channel.smtpPassword },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
    disableUrlAccess: true,
    disableFileAccess: true,
  });
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

export function classifySmtpError(err: unknown): ChannelSendError {
  const e = err as SmtpFailure;
  const code = e.responseCode;
  const text = (e.response ?? e.message ?? 'SMTP error').replace(/^\d{3}[ -]/, '').trim();
  if (code && code >= 500) return new ChannelSendError('permanent', text, String(code));
  if (code && code >= 400) {
    const throttled = /^4\.7\.\d+/.test(text) || /rate|too many|throttl|try again later/i.test(text);
    return throttled ? new ChannelSendError('rate_limited', text, String(code), SMTP_THROTTLE_WAIT_MS) : new ChannelSendError('retryable', text, String(code));
  }
  // Refused before any server saw it: the address cannot be written in an envelope.
  if (e.code === 'EENVELOPE') return new ChannelSendError('permanent', e.message, e.code);
  // No reply code: the connection, DNS or TLS failed (nodemailer's ECONNECTION, ETIMEDOUT, ESOCKET …).
  return new ChannelSendError('retryable', e.message, e.code);
}

/** The files of a reply, read from our storage's signed links (email carries the bytes, not a link). */
export async function downloadAttachments(files: OutboundAttachment[], timeoutMs: number): Promise<Mail.Attachment[]> {
  return Promise.all(
    files.map(async (f) => {
      let res: Response;
      try {
        res = await fetch(f.url, { signal: AbortSignal.timeout(timeoutMs * 3) });
      } catch (err) {
        throw new ChannelSendError('retryable', `Could not read the attachment ${f.filename}: ${(err as Error).message}`);
      }
      if (!res.ok) throw new ChannelSendError(res.status >= 500 ? 'retryable' : 'permanent', `Could not read the attachment ${f.filename}: HTTP ${res.status}`);
      return { filename: f.filename, contentType: f.contentType, content: Buffer.from(await res.arrayBuffer()) };
    }),
  );
}

export async function sendMail(channel: EmailChannel, mail: Mail.Options, timeoutMs: number): Promise<void> {
  const transport = smtpTransport(channel, timeoutMs);
  try {
    await transport.sendMail(mail);
  } catch (err) {
    throw classifySmtpError(err);
  } finally {
    transport.close();
  }
}
