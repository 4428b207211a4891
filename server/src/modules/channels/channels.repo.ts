import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { channels } from './channels.tables.js';

export type ChannelRow = typeof channels.$inferSelect;
export type NewChannelRow = typeof channels.$inferInsert;

export async function listChannels(db: Db, f: { workspaceId: number; afterId?: number; limit: number }): Promise<ChannelRow[]> {
  const where = f.afterId === undefined ? eq(channels.workspaceId, f.workspaceId) : and(eq(channels.workspaceId, f.workspaceId), gt(channels.id, f.afterId));
  return db.select().from(channels).where(where).orderBy(asc(channels.id)).limit(f.limit);
}

export async function findChannel(db: Db, workspaceId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<ChannelRow | undefined> {
  const query = db.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)));
  const rows = opts.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** Unscoped by workspace: the inbound hook knows only the channel id from its URL. */
export async function findChannelById(db: Db, id: number): Promise<ChannelRow | undefined> {
  const rows = await db.select().from(channels).where(eq(channels.id, id));
  return rows[0];
}

export async function insertChannel(db: Db, values: NewChannelRow): Promise<ChannelRow> {
  const [row] = await db.insert(channels).values(values).returning();
  return row;
}

export async function updateChannel(db: Db, id: number, values: Partial<NewChannelRow>): Promise<ChannelRow> {
  const [row] = await db.update(channels).set(values).where(eq(channels.id, id)).returning();
  return row;
}

