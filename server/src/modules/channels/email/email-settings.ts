import { z } from 'zod';
import { randomToken } from '../../../platform/crypto/secret-box.js';
import type { ChannelRecord } from '../channel.js';

const mailServer = z.strictObject({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$/, 'Expected a host name such as imap.gmail.com'),
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (IMAP 993, SMTP 465); false: plain, upgraded with STARTTLS when the server offers it (143, 587). */
  secure: z.boolean(),
  user: z.string().trim().min(1).max(320),
});

/**
 * Where the poller is in the mailbox, written only by the poller (mailbox-state.repo.ts), under `config.poller`
 * because no table holds it. An API client may clear it (`"poller": null`): the next poll then looks back a day,
 * and the Message-ID dedupe keeps what was already stored from coming in twice.
 */
const pollerState = z.object({
  /** host:port/user of the mailbox the cursor belongs to: a cursor of another mailbox is not used. */
  mailbox: z.string().optional(),
  /** IMAP UIDVALIDITY (a 32-bit number, kept as text); UIDs mean nothing under another one. */
  uidValidity: z.string().optional(),
  /** The highest UID processed. */
  lastUid: z.number().int().min(0).optional(),
  lastPolledAt: z.string().optional(),
  lastError: z.string().nullable().optional(),
  /** The poll in progress, if any: one node at a time per mailbox. */
  lease: z.object({ owner: z.string(), until: z.string() }).nullable().optional(),
});
export type PollerState = z.infer<typeof pollerState>;

export const emailChannelSettings = {
  config: z.strictObject({
    /** The support address customers write to; our replies come from it. */
    address: z.email('Expected an email address'),
    /** The sender name customers see ("Soporte ACME"). */
    name: z.string().trim().min(1).max(120).optional(),
    imap: mailServer,
    smtp: mailServer,
    /**
     * `plus` (default): our replies' Reply-To is the address with the conversation's token
     * (`soporte+c81.<tag>@…`, reply-token.ts), for mailboxes that take plus addressing; `off`: no Reply-To.
     */
    replyAddressToken: z.enum(['plus', 'off']).optional(),
    /** How often the mailbox is checked (default 60 s). */
    pollSeconds: z.number().int().min(10).max(3600).optional(),
    poller: pollerState.optional(),
  }),
  secrets: z.strictObject({
    imapPassword: z.string().min(1).max(1024),
    /** Defaults to the IMAP password (Gmail's app password serves both). */
    smtpPassword: z.string().min(1).max(1024).optional(),
    /**
     * Generated: makes our Message-IDs unique to this installation and is the secret shown at creation and
     * replaced by rotation, so neither answer ever carries a mailbox password. It also signs the reply tokens
     * (reply-token.ts): a rotation voids the tokens already sent, and those answers thread by their headers alone.
     */
    threadKey: z.string().min(16).max(256).optional(),
  }),
  generateSecrets: () => ({ threadKey: randomToken(24) }),
  primarySecret: 'threadKey',
};

export type EmailConfig = z.infer<typeof emailChannelSettings.config>;
export type MailServer = z.infer<typeof mailServer>;

export interface EmailChannel {
  id: number;
  config: EmailConfig;
  imapPassword: string;
  smtpPassword: string;
  threadKey: string;
}

export const DEFAULT_POLL_SECONDS = 60;

/** The channel's settings as the adapter and the poller use them (validated when they were stored). */
export function emailChannelOf(channel: Pick<ChannelRecord, 'id' | 'config' | 'secrets'>): EmailChannel {
  const config = channel.config as EmailConfig;
  const secrets = channel.secrets ?? {};
  if (!secrets.imapPassword) throw new Error('The email channel has no IMAP password');
  return {
    id: channel.id,
    config,
    imapPassword: secrets.imapPassword,
    smtpPassword: secrets.smtpPassword ?? secrets.imapPassword,
    threadKey: secrets.threadKey ?? `${channel.id}:${config.address}:${config.imap.host}:${config.imap.user}`,
  };
}

/** Identifies the mailbox a cursor belongs to. */
export const mailboxKey = (config: EmailConfig) => `${config.imap.host}:${config.imap.port}/${config.imap.user}`;
