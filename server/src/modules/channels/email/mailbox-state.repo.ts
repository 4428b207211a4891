/**
 * The poller's state in `channels.config.poller` (no table holds it; see email-settings.ts): a lease, so one
 * poll at a time runs per mailbox whatever the number of nodes, and the UID cursor. Every write is one atomic
 * UPDATE of that key, so an admin's settings change (which locks the row) never loses it, and every write after
 * the claim is guarded by the lease's owner, so a poll whose lease was taken over writes nothing.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../platform/db/db.js';
import type { PollerState } from './email-settings.js';

const patchPoller = (patch: Record<string, unknown>) =>
  sql`jsonb_set(config, '{poller}', coalesce(config->'poller', '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb)`;

/** Takes the lease when it is free, expired or already ours; null when another poll holds it (or the channel is gone or inactive). */
export async function claimPollerLease(db: Db, channelId: number, lease: { owner: string; until: Date }, now: Date): Promise<PollerState | null> {
  const rows = await queryRows<{ poller: PollerState }>(db, sql`
    UPDATE channels SET config = ${patchPoller({ lease: { owner: lease.owner, until: lease.until.toISOString() } })}
    WHERE id = ${channelId} AND type = 'email' AND active
      AND (coalesce(jsonb_typeof(config->'poller'->'lease'), 'null') = 'null'
        OR (config->'poller'->'lease'->>'until')::timestamptz < ${now.toISOString()}::timestamptz
        OR config->'poller'->'lease'->>'owner' = ${lease.owner})
    RETURNING config->'poller' AS poller`);
  return rows[0]?.poller ?? null;
}

/** Moves the cursor (and renews the lease) while the lease is ours; false when it was taken over. */
export async function advancePollerCursor(
  db: Db,
  channelId: number,
  owner: string,
  cursor: { mailbox: string; uidValidity: string; lastUid: number },
  leaseUntil: Date,
): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`
    UPDATE channels SET config = ${patchPoller({ ...cursor, lease: { owner, until: leaseUntil.toISOString() } })}
    WHERE id = ${channelId} AND config->'poller'->'lease'->>'owner' = ${owner}
    RETURNING id`);
  return rows.length > 0;
}

/** Ends the poll: its time and error (null when it went well), and the lease let go. */
export async function releasePollerLease(db: Db, channelId: number, owner: string, outcome: { lastPolledAt: Date; lastError: string | null }) {
  await queryRows(db, sql`
    UPDATE channels SET config = ${patchPoller({ lastPolledAt: outcome.lastPolledAt.toISOString(), lastError: outcome.lastError, lease: null })}
    WHERE id = ${channelId} AND config->'poller'->'lease'->>'owner' = ${owner}
    RETURNING id`);
}
