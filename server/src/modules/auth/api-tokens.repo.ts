import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import type { AccessLevel, Role } from './permissions.js';
import { apiTokens } from './auth.tables.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(tx: Db, values: { workspaceId: number; name: string; tokenHash: string; role: Role; accessLevel: AccessLevel; createdBy: number | null; botId?: number | null }) {
  const [row] = await tx.insert(apiTokens).values(values).returning();
  return row;
}

export async function listApiTokens(db: Db, workspaceId: number, opts: { afterId?: number; limit: number }) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt), opts.afterId ? gt(apiTokens.id, opts.afterId) : undefined))
    .orderBy(asc(apiTokens.id))
    .limit(opts.limit);
}

export async function findApiToken(db: Db, workspaceId: number, id: number) {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  return row;
}

export async function revokeApiToken(tx: Db, id: number, at: Date) {
  await tx.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
}

/** Revokes every live token of a bot (its credentials are rotated, or it is deleted); answers the revoked ones. */
export async function revokeBotApiTokens(tx: Db, botId: number, at: Date) {
  return tx.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.botId, botId), isNull(apiTokens.revokedAt))).returning();
}
