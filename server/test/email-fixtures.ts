import type { TestApp } from './harness.js';
import type { Session } from './fixtures.js';
import type { DovecotFake } from './fakes/dovecot.js';
import type { AppContext } from '../src/platform/context.js';
import { pollMailbox, type PollOutcome } from '../src/modules/channels/email/poll-mailbox.js';

export const SMTP_AUTH = { user: 'soporte@empresa.test', pass: 'clave-smtp-de-prueba' };
export const SUPPORT_ADDRESS = 'soporte@empresa.test';

export interface EmailTestChannel {
  id: number;
}

/**
 * An email channel on the Dovecot fake (IMAP) and the SMTP inbox, created through the API as an admin would.
 * The poll interval is long so the background chain stays out of the way: tests poll when they mean to.
 */
export async function createEmailChannel(
  t: TestApp,
  admin: Session,
  dovecot: DovecotFake,
  smtp: { host: string; port: number },
  over: { secrets?: Record<string, string>; config?: Record<string, unknown> } = {},
): Promise<EmailTestChannel> {
  const res = await t.server.app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: admin.headers,
    payload: {
      type: 'email',
      name: 'Correo soporte',
      config: {
        address: SUPPORT_ADDRESS,
        name: 'Soporte Empresa',
        imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user },
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: SMTP_AUTH.user },
        pollSeconds: 3600,
        ...over.config,
      },
      secrets: { imapPassword: dovecot.password, smtpPassword: SMTP_AUTH.pass, ...over.secrets },
    },
  });
  if (res.statusCode !== 201) throw new Error(`create email channel: ${res.statusCode} ${res.body}`);
  const created = res.json();
  if (created.connection.status !== 'connected' && !over.secrets) throw new Error(`email channel not connected: ${JSON.stringify(created.connection)}`);
  return { id: created.id };
}

/** Polls the channel's mailbox now, waiting out a poll in progress (the background chain's): the outcome of ours. */
export async function pollNow(ctx: AppContext, channelId: number, timeoutMs = 20_000): Promise<PollOutcome> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await pollMailbox(ctx, channelId);
    if (outcome.status !== 'busy' || Date.now() > end) return outcome;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};
