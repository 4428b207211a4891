import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { savedViews } from './views.tables.js';
import { users } from '../workspaces/workspaces.tables.js';

export type ViewRow = typeof savedViews.$inferSelect;
export type ViewWithOwner = ViewRow & { ownerName: string };

/** Mine and the ones shared by others. */
const visibleTo = (userId: number | null) => (userId === null ? eq(savedViews.shared, true) : or(eq(savedViews.ownerId, userId), eq(savedViews.shared, true)));

const withOwner = (db: Db) => db.select({ view: savedViews, ownerName: users.name }).from(savedViews).innerJoin(users, eq(users.id, savedViews.ownerId));

/** One query: mine first, then shared ones, each by name. */
export async function listViews(db: Db, workspaceId: number, userId: number | null): Promise<ViewWithOwner[]> {
  const rows = await withOwner(db)
    .where(and(eq(savedViews.workspaceId, workspaceId), visibleTo(userId)))
    .orderBy(sql`${savedViews.ownerId} = ${userId ?? -1} DESC`, sql`lower(${savedViews.name})`, savedViews.id);
  return rows.map((r) => ({ ...r.view, ownerName: r.ownerName }));
}

export async function findVisibleView(db: Db, workspaceId: number, userId: number | null, id: number): Promise<ViewWithOwner | undefined> {
  const [r] = await withOwner(db).where(and(eq(savedViews.workspaceId, workspaceId), eq(savedViews.id, id), visibleTo(userId)));
  return r && { ...r.view, ownerName: r.ownerName };
}

export async function insertView(tx: Db, values: typeof savedViews.$inferInsert): Promise<ViewRow> {
  const [row] = await tx.insert(savedViews).values(values).returning();
  return row;
}

export async function updateView(tx: Db, id: number, patch: Partial<Pick<ViewRow, 'name' | 'filters' | 'shared'>>): Promise<ViewRow> {
  const [row] = await tx.update(savedViews).set({ ...patch, updatedAt: sql`now()` }).where(eq(savedViews.id, id)).returning();
  return row;
}

export async function deleteView(tx: Db, id: number) {
  await tx.delete(savedViews).where(eq(savedViews.id, id));
}
