/**
 * Raw RFC 5322 messages as customers' mail programs and mail servers write them, for putting in the Dovecot
 * fake's INBOX: a customer's mail (text, HTML or both, attachments, threading headers), an automatic reply,
 * and a bounce (RFC 3464 DSN, laid out as Postfix writes one).
 */
import crypto from 'node:crypto';

export interface MailFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface CustomerMailInput {
  from: string;
  fromName?: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  /** null: the mail has no Message-ID header. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  headers?: Record<string, string>;
  attachments?: MailFile[];
}

const boundary = () => `=_atiende_${crypto.randomBytes(8).toString('hex')}`;
const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
/** RFC 2047, so names and subjects with accents survive any mail program. */
const word = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

function textPart(type: 'plain' | 'html', body: string): string {
  return [`Content-Type: text/${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', b64(Buffer.from(body, 'utf8'))].join('\r\n');
}

function filePart(f: MailFile): string {
  const name = word(f.filename);
  return [`Content-Type: ${f.contentType}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', b64(f.content)].join('\r\n');
}

function multipart(subtype: string, parts: string[], params = ''): string {
  const b = boundary();
  return [`Content-Type: multipart/${subtype}; boundary="${b}"${params}`, '', ...parts.map((p) => `--${b}\r\n${p}`), `--${b}--`, ''].join('\r\n');
}

export function customerMail(m: CustomerMailInput): { raw: string; messageId: string | null } {
  const messageId = m.messageId === undefined ? `${crypto.randomUUID()}@cliente.test` : m.messageId;
  const texts = [...(m.text !== undefined ? [textPart('plain', m.text)] : []), ...(m.html !== undefined ? [textPart('html', m.html)] : [])];
  const body = texts.length > 1 ? multipart('alternative', texts) : (texts[0] ?? textPart('plain', ''));
  const content = m.attachments?.length ? multipart('mixed', [body, ...m.attachments.map(filePart)]) : body;
  const headers = [
    `From: ${m.fromName ? `${word(m.fromName)} ` : ''}<${m.from}>`,
    `To: ${m.to}`,
    `Subject: ${word(m.subject)}`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    ...(messageId ? [`Message-ID: <${messageId}>`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references?.length ? [`References: ${m.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
  ];
  return { raw: `${headers.join('\r\n')}\r\n${content}`, messageId };
}

/** An out-of-office answer (RFC 3834 Auto-Submitted). */
export function autoReplyMail(m: Omit<CustomerMailInput, 'headers'>) {
  return customerMail({ ...m, headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' } });
}

/** What the recipient's server sends back when our mail cannot be delivered. */
export function bounceMail(b: { to: string; originalMessageId: string; recipient: string; status?: string; diagnostic?: string; action?: string }): { raw: string; messageId: string } {
  const messageId = `${crypto.randomUUID()}@mx.cliente.test`;
  const status = b.status ?? '5.1.1';
  const diagnostic = b.diagnostic ?? `550 5.1.1 <${b.recipient}>: Recipient address rejected: User unknown in virtual mailbox table`;
  const report = multipart(
    'report',
    [
      textPart('plain', `This is the mail system at host mx.cliente.test.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<${b.recipient}>: host mx.cliente.test said: ${diagnostic}\n`),
      ['Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.cliente.test', `Arrival-Date: ${new Date().toUTCString()}`, '', `Final-Recipient: rfc822; ${b.recipient}`, `Original-Recipient: rfc822;${b.recipient}`, `Action: ${b.action ?? 'failed'}`, `Status: ${status}`, 'Remote-MTA: dns; mx.cliente.test', `Diagnostic-Code: smtp; ${diagnostic}`, ''].join('\r\n'),
      ['Content-Type: text/rfc822-headers', '', `From: Soporte <${b.to}>`, `To: ${b.recipient}`, 'Subject: Re: Consulta', `Message-ID: <${b.originalMessageId}>`, ''].join('\r\n'),
    ],
    '; report-type=delivery-status',
  );
  const headers = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.cliente.test>',
    `To: ${b.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
  ];
  return { raw: `${headers.join('\r\n')}\r\n${report}`, messageId };
}
