import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { contactFields } from './contact-fields.tables.js';

export type ContactFieldRow = typeof contactFields.$inferSelect;
type Patch = Partial<Pick<ContactFieldRow, 'key' | 'label' | 'type' | 'options' | 'required' | 'position'>>;

export async function listContactFields(db: Db, workspaceId: number): Promise<ContactFieldRow[]> {
  return db.select().from(contactFields).where(eq(contactFields.workspaceId, workspaceId)).orderBy(asc(contactFields.position), asc(contactFields.id));
}

/** The definitions of the given keys (the ones a contact write touches). */
export async function contactFieldsByKeys(db: Db, workspaceId: number, keys: string[]): Promise<ContactFieldRow[]> {
  if (keys.length === 0) return [];
  return db.select().from(contactFields).where(and(eq(contactFields.workspaceId, workspaceId), inArray(contactFields.key, keys)));
}

export async function findContactField(db: Db, workspaceId: number, id: number): Promise<ContactFieldRow | undefined> {
  const [row] = await db.select().from(contactFields).where(and(eq(contactFields.workspaceId, workspaceId), eq(contactFields.id, id)));
  return row;
}

/** A new field goes last unless a position is given. */
export async function insertContactField(tx: Db, values: Omit<typeof contactFields.$inferInsert, 'position'> & { position?: number }): Promise<ContactFieldRow> {
  const position = values.position ?? sql`(SELECT coalesce(max(${contactFields.position}) + 1, 0) FROM ${contactFields} WHERE ${contactFields.workspaceId} = ${values.workspaceId})`;
  const [row] = await tx.insert(contactFields).values({ ...values, position }).returning();
  return row;
}

export async function updateContactField(tx: Db, id: number, patch: Patch): Promise<ContactFieldRow> {
  const [row] = await tx.update(contactFields).set({ ...patch, updatedAt: sql`now()` }).where(eq(contactFields.id, id)).returning();
  return row;
}

export async function deleteContactField(tx: Db, id: number) {
  await tx.delete(contactFields).where(eq(contactFields.id, id));
}

/** A renamed key takes its values along: every contact of the workspace holding `from` holds them under `to`. */
export async function renameCustomFieldKey(tx: Db, workspaceId: number, from: string, to: string) {
  await tx.execute(sql`
    UPDATE contacts SET custom_fields = (custom_fields - ${from}::text) || jsonb_build_object(${to}::text, custom_fields -> ${from}::text), updated_at = now()
    WHERE workspace_id = ${workspaceId} AND custom_fields ? ${from}::text`);
}
