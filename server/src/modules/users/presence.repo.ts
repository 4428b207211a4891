import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db/db.js';
import { memberships } from '../workspaces/workspaces.tables.js';
import type { Presence } from './presence-rules.js';

/** Locks the member's row for the rest of the transaction and reads their status (active members only). */
export async function lockPresence(tx: Db, workspaceId: number, userId: number): Promise<Presence | undefined> {
  const [row] = await tx
    .select({ status: memberships.status, source: memberships.statusSource })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), eq(memberships.active, true)))
    .for('update');
  return row;
}

export async function savePresence(tx: Db, workspaceId: number, userId: number, p: Presence, seenAt: Date) {
  await tx
    .update(memberships)
    .set({ status: p.status, statusSource: p.source, lastSeenAt: seenAt })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/**
 * Members of the workspace not seen since `cutoff` and not yet offline become offline (automatic).
 * Concurrent sweeps are safe: the second waits for the row and then finds it offline.
 */
export async function markAbsentOffline(tx: Db, workspaceId: number, cutoff: Date): Promise<number[]> {
  const rows = await queryRows<{ user_id: number }>(tx, sql`
    UPDATE memberships SET status = 'offline', status_source = 'auto'
    WHERE workspace_id = ${workspaceId} AND status <> 'offline' AND (last_seen_at IS NULL OR last_seen_at < ${cutoff.toISOString()}::timestamptz)
    RETURNING user_id`);
  return rows.map((r) => r.user_id);
}
