import { and, asc, eq, gt, inArray, lte, sql, max } from 'drizzle-orm';
import type { Db } from '../db/db.js';
import { events, subscriberCursors } from './events.tables.js';
import type { EventRow, NewEvent } from './event-types.js';

/** Serialises appends so event ids are assigned in commit order (held only until the end of the transaction). */
const EVENTS_APPEND_LOCK = 7_202_612;

export async function appendEvents(tx: Db, rows: NewEvent[]): Promise<number[]> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${EVENTS_APPEND_LOCK})`);
  const inserted = await tx
    .insert(events)
    .values(rows.map((e) => ({
      workspaceId: e.workspaceId,
      type: e.type,
      conversationId: e.conversationId ?? null,
      teamId: e.teamId ?? null,
      assigneeId: e.assigneeId ?? null,
      audience: e.audience?.length ? e.audience : null,
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      payload: e.payload ?? {},
    })))
    .returning({ id: events.id });
  return inserted.map((r) => r.id);
}

export async function eventsAfter(db: Db, afterId: number, limit: number, workspaceId?: number): Promise<EventRow[]> {
  const where = workspaceId === undefined ? gt(events.id, afterId) : and(eq(events.workspaceId, workspaceId), gt(events.id, afterId));
  return db.select().from(events).where(where).orderBy(asc(events.id)).limit(limit);
}

export async function eventsBetween(db: Db, afterId: number, upToId: number): Promise<EventRow[]> {
  return db.select().from(events).where(and(gt(events.id, afterId), lte(events.id, upToId))).orderBy(asc(events.id));
}

export async function lastEventId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(events.id) }).from(events);
  return row?.id ?? 0;
}

export async function claimCursor(db: Db, name: string, owner: string, leaseSeconds: number): Promise<number | null> {
  await db.insert(subscriberCursors).values({ name }).onConflictDoNothing();
  const rows = await db
    .update(subscriberCursors)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(and(eq(subscriberCursors.name, name), sql`(${subscriberCursors.leaseOwner} IS NULL OR ${subscriberCursors.leaseOwner} = ${owner} OR ${subscriberCursors.leaseUntil} < now())`))
    .returning({ lastEventId: subscriberCursors.lastEventId });
  return rows[0]?.lastEventId ?? null;
}

/**
 * Advances the cursor only while the lease is still ours and the cursor is still where we read from;
 * false means another node took over, or another loop of this node already moved it (a projection
 * must then roll back, or it would count the batch twice).
 */
export async function advanceCursor(db: Db, name: string, owner: string, fromId: number, toId: number): Promise<boolean> {
  const rows = await db
    .update(subscriberCursors)
    .set({ lastEventId: toId, updatedAt: sql`now()` })
    .where(and(eq(subscriberCursors.name, name), eq(subscriberCursors.leaseOwner, owner), eq(subscriberCursors.lastEventId, fromId)))
    .returning({ name: subscriberCursors.name });
  return rows.length === 1;
}

export async function releaseLeases(db: Db, owner?: string, names?: string[]) {
  const conditions = [owner ? eq(subscriberCursors.leaseOwner, owner) : undefined, names ? inArray(subscriberCursors.name, names) : undefined];
  await db.update(subscriberCursors).set({ leaseOwner: null, leaseUntil: null }).where(and(...conditions) ?? sql`true`);
}

export async function listCursors(db: Db) {
  return db.select({ name: subscriberCursors.name, lastEventId: subscriberCursors.lastEventId, updatedAt: subscriberCursors.updatedAt }).from(subscriberCursors).orderBy(asc(subscriberCursors.name));
}
