import { SMTPServer } from 'smtp-server';
import PostalMime, { type Email } from 'postal-mime';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The decoded text body. */
  text: string;
}

/** Decodes the single text part nodemailer sends for a plain-text mail (quoted-printable or base64). */
function decodeBody(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  let text: string;
  if (encoding === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  } else text = Buffer.from(body, 'latin1').toString('utf8');
  const subject = header('Subject').replace(/=\?utf-8\?([BQ])\?(.*?)\?=/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(s, 'base64').toString('utf8')
      : Buffer.from(s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
  return { subject, text: text.replace(/\r\n/g, '\n') };
}

/** An SMTP reply the inbox gives instead of accepting: at RCPT TO (the recipient) or after DATA (the message). */
export interface SmtpFailure {
  code: number;
  message: string;
  at?: 'rcpt' | 'data';
}

/** A mail as it arrived: the envelope and the raw message (for header assertions: Message-ID, In-Reply-To …). */
export interface ReceivedSource {
  from: string;
  to: string[];
  source: string;
  /** The message parsed (postal-mime) before the inbox answered 250, so it is there when the sender's call returns. */
  parsed: Email;
}

const smtpError = (f: SmtpFailure) => Object.assign(new Error(f.message), { responseCode: f.code });

/**
 * A real SMTP server on a local port that keeps what it receives: the app's mail driver speaks to it as to any relay.
 * With `auth`, it asks for AUTH PLAIN/LOGIN (over plain TCP, as a local relay may) and refuses other credentials (535).
 */
export async function startSmtpInbox(opts: { auth?: { user: string; pass: string } } = {}) {
  const mails: ReceivedMail[] = [];
  const sources: ReceivedSource[] = [];
  const failures: SmtpFailure[] = [];
  const waiters: Array<() => void> = [];
  const takeFailure = (at: 'rcpt' | 'data') => {
    const i = failures.findIndex((f) => (f.at ?? 'rcpt') === at);
    return i < 0 ? null : failures.splice(i, 1)[0];
  };
  const server = new SMTPServer({
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const failure = takeFailure('rcpt');
      callback(failure ? smtpError(failure) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const failure = takeFailure('data');
        if (failure) return callback(smtpError(failure));
        const bytes = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address);
        const parsed = await PostalMime.parse(bytes).catch(() => ({ headers: [], headerLines: [], attachments: [] }) as Email);
        mails.push({ to, ...decodeBody(bytes.toString('latin1')) });
        sources.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, source: bytes.toString('utf8'), parsed });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    mails,
    /** The same mails with their envelope and raw source. */
    sources,
    /** Answers the next message with this SMTP error (4xx transient, 5xx permanent) instead of accepting it. */
    failNext(failure: SmtpFailure) {
      failures.push(failure);
    },
    /** Resolves with the first mail to this address at index `from` or later. */
    async waitFor(to: string, from = 0, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.slice(from).find((m) => m.to.includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
