/**
 * The IMAP side of a mailbox: INBOX opened read-only (EXAMINE), the UIDs to process after a cursor or since a
 * date, and each message fetched with BODY.PEEK[] (nothing is marked \Seen: people read the mailbox too).
 */
import { ImapFlow } from 'imapflow';
import type { EmailChannel } from './email-settings.js';

export interface ListedMessage {
  uid: number;
  size: number;
  internalDate: Date;
}

/** INBOX as EXAMINE found it: UIDs mean something only under this UIDVALIDITY; every newer message gets a UID of UIDNEXT or more. */
export interface OpenedMailbox {
  uidValidity: string;
  uidNext: number;
}

export function imapClient(channel: EmailChannel, timeoutMs: number): ImapFlow {
  const { imap } = channel.config;
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: channel.imapPassword },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: Math.max(timeoutMs * 6, 60_000),
  });
}

/** IMAP errors carry the server's words (responseText: "Authentication failed."); a socket error its message. */
export function imapErrorText(err: unknown): string {
  const e = err as { responseText?: string; message?: string; code?: string };
  return e.responseText || e.message || e.code || 'IMAP error';
}

export async function withMailbox<T>(channel: EmailChannel, timeoutMs: number, fn: (client: ImapFlow, box: OpenedMailbox) => Promise<T>): Promise<T> {
  const client = imapClient(channel, timeoutMs);
  // An error event without a listener would crash the process; the failing command rejects anyway.
  client.on('error', () => {});
  await client.connect();
  try {
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    return await fn(client, { uidValidity: String(box.uidValidity), uidNext: box.uidNext });
  } finally {
    await client.logout().catch(() => client.close());
  }
}

const asDate = (d: Date | string | undefined) => (d instanceof Date ? d : d ? new Date(d) : new Date(0));

/** Messages with a UID above `afterUid` (`N:*` also answers the highest message when none is newer: filtered out). */
export async function listAfter(client: ImapFlow, afterUid: number): Promise<ListedMessage[]> {
  const found: ListedMessage[] = [];
  for await (const m of client.fetch(`${afterUid + 1}:*`, { uid: true, size: true, internalDate: true }, { uid: true })) {
    if (m.uid > afterUid) found.push({ uid: m.uid, size: m.size ?? 0, internalDate: asDate(m.internalDate) });
  }
  return found.sort((a, b) => a.uid - b.uid);
}

/** Messages that arrived at `since` or later (SEARCH SINCE is by day: the time is checked here). */
export async function listSince(client: ImapFlow, since: Date): Promise<ListedMessage[]> {
  const uids = await client.search({ since }, { uid: true });
  if (!uids || uids.length === 0) return [];
  const found: ListedMessage[] = [];
  for await (const m of client.fetch(uids.join(','), { uid: true, size: true, internalDate: true }, { uid: true })) {
    const internalDate = asDate(m.internalDate);
    if (internalDate.getTime() >= since.getTime()) found.push({ uid: m.uid, size: m.size ?? 0, internalDate });
  }
  return found.sort((a, b) => a.uid - b.uid);
}

/** The raw message; only its first `maxBytes` when it is larger (BODY.PEEK[]<0.max>). */
export async function fetchSource(client: ImapFlow, uid: number, maxBytes?: number): Promise<Buffer | null> {
  const m = await client.fetchOne(String(uid), { uid: true, source: maxBytes ? { maxLength: maxBytes } : true }, { uid: true });
  return m && m.source ? m.source : null;
}
