/**
 * One poll of an email channel's mailbox: take the channel's lease (one poll per mailbox at a time, across
 * nodes), open INBOX read-only, list what is new since the UID cursor (or, for a new mailbox or a changed
 * UIDVALIDITY, what arrived in the last day: the Message-ID dedupe keeps anything seen before from coming in
 * twice), fetch, parse and store in chunks, moving the cursor after each chunk, and let the lease go.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { loadChannelWithSecrets } from '../load-channel.js';
import { emailChannelOf, mailboxKey, type PollerState } from './email-settings.js';
import { fetchSource, imapErrorText, listAfter, listSince, withMailbox } from './imap-mailbox.js';
import { parseEmail } from './email-parse.js';
import { ingestEmails, type FetchedEmail, type IngestCounts } from './ingest-emails.js';
import { advancePollerCursor, claimPollerLease, releasePollerLease } from './mailbox-state.repo.js';

/** A poll that stops renewing its lease (a dead node) is taken over after this long. */
const LEASE_MS = 5 * 60_000;
/** How far back a mailbox without a usable cursor is read. */
const LOOKBACK_MS = 24 * 3_600_000;
/** A UIDVALIDITY change is re-read from the last poll, but never further back than this. */
const MAX_RESCAN_MS = 30 * 24 * 3_600_000;
/** Messages fetched and stored per step; the cursor moves after each. */
const CHUNK = 25;
/** What is read of a message over the size limit (its text is near the start). */
const TRUNCATED_READ_BYTES = 512 * 1024;

export type PollOutcome =
  | { status: 'inactive' }
  | { status: 'busy' }
  | ({ status: 'polled'; fetched: number } & IngestCounts)
  | { status: 'failed'; error: string };

class LeaseLost extends Error {}

function rescanSince(now: Date, state: PollerState, mailbox: string): Date {
  const dayAgo = now.getTime() - LOOKBACK_MS;
  if (state.mailbox !== mailbox || !state.lastPolledAt) return new Date(dayAgo);
  const fromLastPoll = new Date(state.lastPolledAt).getTime() - LOOKBACK_MS;
  return new Date(Math.max(Math.min(dayAgo, fromLastPoll), now.getTime() - MAX_RESCAN_MS));
}

export async function pollMailbox(ctx: AppContext, channelId: number): Promise<PollOutcome> {
  const channel = await loadChannelWithSecrets(ctx, channelId);
  if (!channel || channel.type !== 'email' || !channel.active) return { status: 'inactive' };
  const owner = `${ctx.nodeId}:${crypto.randomUUID()}`;
  const leaseUntil = () => new Date(ctx.clock.now().getTime() + LEASE_MS);
  const state = await claimPollerLease(ctx.db, channelId, { owner, until: leaseUntil() }, ctx.clock.now());
  if (!state) return { status: 'busy' };

  const maxMessageBytes = ctx.config.UPLOAD_LIMIT_BYTES * 2;
  const counts = { fetched: 0, stored: 0, duplicates: 0, reports: 0, skipped: 0 };
  let error: string | null = null;
  try {
    const email = emailChannelOf(channel);
    const mailbox = mailboxKey(email.config);
    await withMailbox(email, ctx.config.OUTBOUND_TIMEOUT_MS, async (client, box) => {
      const resume = state.mailbox === mailbox && state.uidValidity === box.uidValidity && typeof state.lastUid === 'number';
      const listed = resume ? await listAfter(client, state.lastUid!) : await listSince(client, rescanSince(ctx.clock.now(), state, mailbox));
      const cursor = { mailbox, uidValidity: box.uidValidity };
      for (let i = 0; i < listed.length; i += CHUNK) {
        const fetched: FetchedEmail[] = [];
        for (const m of listed.slice(i, i + CHUNK)) {
          const truncated = m.size > maxMessageBytes;
          const raw = await fetchSource(client, m.uid, truncated ? TRUNCATED_READ_BYTES : undefined);
          if (!raw) continue; // expunged since it was listed
          const parsed = await parseEmail(raw, { receivedAt: m.internalDate, truncated }).catch((err: Error) => ({ kind: 'unusable' as const, reason: `unparseable: ${err.message}` }));
          fetched.push({ uid: m.uid, size: m.size, truncated, parsed });
        }
        const got = await ingestEmails(ctx, channel, email, fetched, ctx.config.UPLOAD_LIMIT_BYTES);
        counts.fetched += fetched.length;
        for (const k of ['stored', 'duplicates', 'reports', 'skipped'] as const) counts[k] += got[k];
        const lastUid = listed[Math.min(i + CHUNK, listed.length) - 1].uid;
        if (!(await advancePollerCursor(ctx.db, channelId, owner, { ...cursor, lastUid }, leaseUntil()))) throw new LeaseLost('another poll took the mailbox over');
      }
      // After a first look (or a new UIDVALIDITY) the cursor stands at the newest message, read or older than
      // the look-back: the next poll asks only for UIDs above it.
      if (!resume) {
        const baseline = Math.max(Number.isFinite(box.uidNext) ? box.uidNext - 1 : 0, listed.at(-1)?.uid ?? 0);
        if (!(await advancePollerCursor(ctx.db, channelId, owner, { ...cursor, lastUid: baseline }, leaseUntil()))) throw new LeaseLost('another poll took the mailbox over');
      }
    });
  } catch (err) {
    error = imapErrorText(err);
    ctx.log.warn({ channelId, err: error }, 'email poll failed');
  } finally {
    await releasePollerLease(ctx.db, channelId, owner, { lastPolledAt: ctx.clock.now(), lastError: error });
  }
  return error ? { status: 'failed', error } : { status: 'polled', ...counts };
}
