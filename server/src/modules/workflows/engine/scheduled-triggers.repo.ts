import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/db.js';
import { contacts } from '../../contacts/contacts.tables.js';
import { tags } from '../../tags/tags.tables.js';

export interface PageAfter {
  afterId: number;
  limit: number;
}

/** The tag names of the workspace's catalogue, to find every spelling of an audience tag. */
export async function catalogueTagNames(db: Db, workspaceId: number): Promise<string[]> {
  const rows = await db.select({ name: tags.name }).from(tags).where(eq(tags.workspaceId, workspaceId));
  return rows.map((r) => r.name);
}

/** A page (by id) of the contacts carrying any of these exact tags: the tags' GIN index answers it. */
export async function contactIdsWithAnyTag(db: Db, workspaceId: number, tagNames: string[], page: PageAfter): Promise<number[]> {
  if (tagNames.length === 0) return [];
  const list = sql.join(tagNames.map((t) => sql`${t}`), sql`, `);
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), gt(contacts.id, page.afterId), sql`${contacts.tags} && ARRAY[${list}]::text[]`))
    .orderBy(asc(contacts.id))
    .limit(page.limit);
  return rows.map((r) => r.id);
}

/**
 * A page (by id) of the contacts whose custom field `field` starts with one of these dates (YYYY-MM-DD), or holds one
 * of these month-days (MM-DD) after its year: a first cut, as the exact day depends on the offset and timezone.
 */
export async function contactsWithDateIn(
  db: Db,
  workspaceId: number,
  field: string,
  prefixes: { dates: string[] } | { monthDays: string[] },
  page: PageAfter,
): Promise<Array<{ id: number; value: string }>> {
  const value = sql<string>`${contacts.customFields} ->> ${field}`;
  const cut = 'dates' in prefixes ? inArray(sql`substring(${value} from 1 for 10)`, prefixes.dates) : inArray(sql`substring(${value} from 6 for 5)`, prefixes.monthDays);
  const rows = await db
    .select({ id: contacts.id, value })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), gt(contacts.id, page.afterId), cut))
    .orderBy(asc(contacts.id))
    .limit(page.limit);
  return rows.map((r) => ({ id: r.id, value: r.value }));
}
