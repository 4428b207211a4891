import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { memberships, workspaces } from '../workspaces/workspaces.tables.js';
import type { Presence } from './presence-rules.js';

export type LockedPresence = Presence & { idleSince: Date | null; autoOfflineMinutes: number };

/**
 * Locks the member's row for the rest of the transaction and reads their status, since when they are idle and
 * their workspace's auto-offline setting (active members only).
 */
export async function lockPresence(tx: Db, workspaceId: number, userId: number): Promise<LockedPresence | undefined> {
  const [row] = await tx
    .select({ status: memberships.status, source: memberships.statusSource, idleSince: memberships.idleSince, autoOfflineMinutes: workspaces.autoOfflineMinutes })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), eq(memberships.active, true)))
    .for('update', { of: memberships });
  return row;
}

/** Writes the status and the time seen; `idleSince` too when given (heartbeats; a chosen status leaves it). */
export async function savePresence(tx: Db, workspaceId: number, userId: number, p: Presence, seenAt: Date, idleSince?: Date | null) {
  await tx
    .update(memberships)
    .set({ status: p.status, statusSource: p.source, lastSeenAt: seenAt, ...(idleSince !== undefined ? { idleSince } : {}) })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/**
 * Members of the workspace who become offline (automatic): those not seen since `cutoff`, and those automatically
 * away because idle since longer than the workspace's `auto_offline_minutes` before `now`.
 * Concurrent sweeps are safe: the second waits for the row and then finds it offline.
 */
export async function markAbsentOffline(tx: Db, workspaceId: number, cutoff: Date, now: Date): Promise<number[]> {
  const rows = await queryRows<{ user_id: number }>(tx, sql`
    UPDATE memberships m SET status = 'offline', status_source = 'auto'
    FROM workspaces w
    WHERE w.id = m.workspace_id AND m.workspace_id = ${workspaceId} AND m.status <> 'offline' AND (
      m.last_seen_at IS NULL OR m.last_seen_at < ${cutoff.toISOString()}::timestamptz
      OR (m.status = 'away' AND m.status_source = 'auto' AND m.idle_since <= ${now.toISOString()}::timestamptz - w.auto_offline_minutes * interval '1 minute'))
    RETURNING m.user_id`);
  return rows.map((r) => r.user_id);
}
