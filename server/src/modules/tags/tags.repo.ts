import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { tags } from './tags.tables.js';

export type TagRow = typeof tags.$inferSelect;

export async function listTags(db: Db, workspaceId: number, opts: { after?: { name: string; id: number }; limit: number }) {
  return db
    .select()
    .from(tags)
    .where(and(eq(tags.workspaceId, workspaceId), opts.after ? sql`(${tags.name}, ${tags.id}) > (${opts.after.name}, ${opts.after.id})` : undefined))
    .orderBy(asc(tags.name), asc(tags.id))
    .limit(opts.limit);
}

export async function findTag(db: Db, workspaceId: number, id: number): Promise<TagRow | undefined> {
  const [row] = await db.select().from(tags).where(and(eq(tags.workspaceId, workspaceId), eq(tags.id, id)));
  return row;
}

export async function insertTag(tx: Db, values: { workspaceId: number; name: string; color?: string }): Promise<TagRow> {
  const [row] = await tx.insert(tags).values(values).returning();
  return row;
}

export async function updateTag(tx: Db, id: number, patch: { name?: string; color?: string }): Promise<TagRow> {
  const [row] = await tx.update(tags).set(patch).where(eq(tags.id, id)).returning();
  return row;
}

export async function deleteTag(tx: Db, id: number) {
  await tx.delete(tags).where(eq(tags.id, id));
}

/**
 * Conversations and contacts carry tag names (one-query filtering), so a rename or a delete rewrites
 * the labels that carry it; the GIN indexes find them.
 */
export async function renameTagLabels(tx: Db, workspaceId: number, from: string, to: string) {
  await tx.execute(sql`UPDATE conversations SET tags = array_replace(tags, ${from}, ${to}) WHERE workspace_id = ${workspaceId} AND tags @> ARRAY[${from}]::text[]`);
  await tx.execute(sql`UPDATE contacts SET tags = array_replace(tags, ${from}, ${to}) WHERE workspace_id = ${workspaceId} AND tags @> ARRAY[${from}]::text[]`);
}

export async function removeTagLabels(tx: Db, workspaceId: number, name: string) {
  await tx.execute(sql`UPDATE conversations SET tags = array_remove(tags, ${name}) WHERE workspace_id = ${workspaceId} AND tags @> ARRAY[${name}]::text[]`);
  await tx.execute(sql`UPDATE contacts SET tags = array_remove(tags, ${name}) WHERE workspace_id = ${workspaceId} AND tags @> ARRAY[${name}]::text[]`);
}
