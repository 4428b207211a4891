import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { closingCategories } from './tags.tables.js';

export type ClosingCategoryRow = typeof closingCategories.$inferSelect;

export async function listClosingCategories(db: Db, workspaceId: number, opts: { after?: { name: string; id: number }; limit: number }) {
  return db
    .select()
    .from(closingCategories)
    .where(and(
      eq(closingCategories.workspaceId, workspaceId),
      opts.after ? sql`(${closingCategories.name}, ${closingCategories.id}) > (${opts.after.name}, ${opts.after.id})` : undefined,
    ))
    .orderBy(asc(closingCategories.name), asc(closingCategories.id))
    .limit(opts.limit);
}

export async function findClosingCategory(db: Db, workspaceId: number, id: number): Promise<ClosingCategoryRow | undefined> {
  const [row] = await db.select().from(closingCategories).where(and(eq(closingCategories.workspaceId, workspaceId), eq(closingCategories.id, id)));
  return row;
}

export async function insertClosingCategory(tx: Db, values: { workspaceId: number; name: string }): Promise<ClosingCategoryRow> {
  const [row] = await tx.insert(closingCategories).values(values).returning();
  return row;
}

export async function updateClosingCategory(tx: Db, id: number, patch: { name: string }): Promise<ClosingCategoryRow> {
  const [row] = await tx.update(closingCategories).set(patch).where(eq(closingCategories.id, id)).returning();
  return row;
}

export async function deleteClosingCategory(tx: Db, id: number) {
  await tx.delete(closingCategories).where(eq(closingCategories.id, id));
}
