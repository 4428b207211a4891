import { and, asc, eq, gt, inArray, sql, max } from 'drizzle-orm';
import { type Db, queryRows } from '../db/db.js';
import { rowMapper } from '../db/raw-rows.js';
import { events, subscriberCursors } from './events.tables.js';
import type { EventRow, NewEvent } from './event-types.js';

/** Serialises appends so event ids are assigned in commit order (held only until the end of the transaction). */
const EVENTS_APPEND_LOCK = 7_202_612;

/**
 * One statement: the lock is taken (when `lock` is scanned) before any row draws its id from the
 * sequence, so ids are drawn in the order transactions commit. Returns the rows as a read would.
 */
export async function appendEvents(tx: Db, rows: NewEvent[]): Promise<EventRow[]> {
  const values = sql.join(
    rows.map((e) => sql`(${e.workspaceId}::bigint, ${e.type}::text, ${e.conversationId ?? null}::bigint, ${e.teamId ?? null}::bigint,
      ${e.assigneeId ?? null}::bigint, ${e.audience?.length ? `{${e.audience.join(',')}}` : null}::bigint[], ${e.actor.type}::text,
      ${e.actor.id ?? null}::bigint, ${JSON.stringify(e.payload ?? {})}::jsonb)`),
    sql`, `,
  );
  const inserted = await queryRows<Record<string, unknown>>(tx, sql`
    WITH lock AS (SELECT pg_advisory_xact_lock(${EVENTS_APPEND_LOCK}))
    INSERT INTO events (workspace_id, type, conversation_id, team_id, assignee_id, audience, actor_type, actor_id, payload)
    SELECT v.* FROM lock, (VALUES ${values}) AS v(workspace_id, type, conversation_id, team_id, assignee_id, audience, actor_type, actor_id, payload)
    RETURNING *`);
  return inserted.map(toEventRow).sort((a, b) => a.id - b.id);
}

const toEventRow = rowMapper(events);

export async function eventsAfter(db: Db, afterId: number, limit: number, workspaceId?: number): Promise<EventRow[]> {
  const where = workspaceId === undefined ? gt(events.id, afterId) : and(eq(events.workspaceId, workspaceId), gt(events.id, afterId));
  return db.select().from(events).where(where).orderBy(asc(events.id)).limit(limit);
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

