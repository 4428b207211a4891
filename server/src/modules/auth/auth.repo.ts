import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { passwordResets, sessions } from './auth.tables.js';

/** Expiry uses the database clock, the same one `actorForSession` checks against. */
export async function insertSession(tx: Db, values: { tokenHash: string; userId: number; workspaceId: number; ttlHours: number; userAgent?: string }) {
  await tx.insert(sessions).values({
    tokenHash: values.tokenHash,
    userId: values.userId,
    workspaceId: values.workspaceId,
    userAgent: values.userAgent?.slice(0, 300) ?? null,
    expiresAt: sql`now() + make_interval(hours => ${values.ttlHours})`,
  });
}

export async function findSession(db: Db, tokenHash: string) {
  const [row] = await db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), sql`${sessions.expiresAt} > now()`));
  return row;
}

export async function moveSession(tx: Db, tokenHash: string, workspaceId: number) {
  await tx.update(sessions).set({ workspaceId }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(tx: Db, tokenHash: string) {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Every session of the user, except the one given (a password change keeps the device that made it). */
export async function deleteSessionsOfUser(tx: Db, userId: number, except?: string) {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), except ? ne(sessions.tokenHash, except) : undefined));
}

export async function deleteSessionsOfMember(tx: Db, workspaceId: number, userId: number) {
  await tx.delete(sessions).where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.userId, userId)));
}

export async function insertPasswordReset(tx: Db, values: { tokenHash: string; userId: number; expiresAt: Date }) {
  await tx.insert(passwordResets).values(values);
}

/** Locks the reset so a token used twice at once is used once. */
export async function lockPasswordReset(tx: Db, tokenHash: string) {
  const [row] = await tx.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for('update');
  return row;
}

/** Marks every unused reset of the user as used: one successful reset voids the other links. */
export async function usePasswordResets(tx: Db, userId: number, at: Date) {
  await tx.update(passwordResets).set({ usedAt: at }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}
