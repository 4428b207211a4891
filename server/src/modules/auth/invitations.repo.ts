import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import type { AccessLevel, Role } from './permissions.js';
import { invitations } from './auth.tables.js';
import { workspaces } from '../workspaces/workspaces.tables.js';

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(tx: Db, values: {
  workspaceId: number; email: string; name: string | null; role: Role; accessLevel: AccessLevel;
  teamIds: number[]; tokenHash: string; invitedBy: number | null; expiresAt: Date;
}): Promise<InvitationRow> {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row;
}

/** Pending invitations of the workspace (not accepted, not expired), in id order. */
export async function listPendingInvitations(db: Db, workspaceId: number, now: Date, opts: { afterId?: number; limit: number }) {
  return db
    .select()
    .from(invitations)
    .where(and(
      eq(invitations.workspaceId, workspaceId),
      isNull(invitations.acceptedAt),
      gt(invitations.expiresAt, now),
      opts.afterId ? gt(invitations.id, opts.afterId) : undefined,
    ))
    .orderBy(asc(invitations.id))
    .limit(opts.limit);
}

export async function findInvitation(db: Db, workspaceId: number, id: number): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id)));
  return row;
}

export async function deleteInvitation(tx: Db, id: number) {
  await tx.delete(invitations).where(eq(invitations.id, id));
}

/** A new invitation replaces the pending ones for the same address, so only the latest link works. */
export async function deletePendingInvitationsFor(tx: Db, workspaceId: number, email: string) {
  return tx
    .delete(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), sql`lower(${invitations.email}) = lower(${email})`))
    .returning({ id: invitations.id });
}

export async function findInvitationByToken(db: Db, tokenHash: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select({ invitation: invitations, workspaceName: workspaces.name, workspaceLanguage: workspaces.language })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, tokenHash));
  const [row] = opts.lock ? await q.for('update', { of: invitations }) : await q;
  return row;
}

export async function markInvitationAccepted(tx: Db, id: number, at: Date) {
  await tx.update(invitations).set({ acceptedAt: at }).where(eq(invitations.id, id));
}
