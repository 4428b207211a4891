import { and, asc, eq, gt, inArray, sql, max } from 'drizzle-orm';
import { type Db, queryRows } from '../db/db.js';
import { columnArrays } from '../db/raw-rows.js';
import { events, subscriberCursors } from './events.tables.js';
import type { EventRow, NewEvent } from './event-types.js';

/** Serialises appends so event ids are assigned in commit order (held only until the end of the transaction). */
const EVENTS_APPEND_LOCK = 7_202_612;

/**
 * One statement: the lock is taken (when `lock` is scanned) before any row draws its id from the
 * sequence, so ids are drawn in the order transactions commit. Returns the rows as a read would.
 */
export async function appendEvents(tx: Db, rows: NewEvent[]): Promise<EventRow[]> {
  const all = rows.map((e) => ({
    workspaceId: e.workspaceId, type: e.type, conversationId: e.conversationId ?? null, teamId: e.teamId ?? null, assigneeId: e.assigneeId ?? null,
    audience: e.audience?.length ? e.audience : null, actorType: e.actor.type, actorId: e.actor.id ?? null, json: JSON.stringify(e.payload ?? {}),
  }));
  const col = columnArrays(all);
  const inserted = await queryRows<{ id: number; created_at: unknown }>(tx, sql`
    WITH lock AS (SELECT pg_advisory_xact_lock(${EVENTS_APPEND_LOCK}))
    INSERT INTO events (workspace_id, type, conversation_id, team_id, assignee_id, audience, actor_type, actor_id, payload)
    SELECT v.workspace_id, v.type, v.conversation_id, v.team_id, v.assignee_id, v.audience::bigint[], v.actor_type, v.actor_id, v.payload::jsonb
    FROM lock, unnest(${col((e) => e.workspaceId)}::bigint[], ${col((e) => e.type)}::text[], ${col((e) => e.conversationId)}::bigint[],
      ${col((e) => e.teamId)}::bigint[], ${col((e) => e.assigneeId)}::bigint[], ${col((e) => e.audience && `{${e.audience.join(',')}}`)}::text[],
      ${col((e) => e.actorType)}::text[], ${col((e) => e.actorId)}::bigint[], ${col((e) => e.json)}::text[])
      AS v(workspace_id, type, conversation_id, team_id, assignee_id, audience, actor_type, actor_id, payload)
    RETURNING id, created_at`);
  // Rows come back in insertion order, which is the order sent; the payload is what jsonb gives back (JSON.parse of what was sent).
  return all
    .map(({ json, ...e }, i): EventRow => ({ ...e, id: inserted[i].id, payload: JSON.parse(json), createdAt: events.createdAt.mapFromDriverValue(inserted[i].created_at as string) as Date }))
    .sort((a, b) => a.id - b.id);
}


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
 * Advances cursors (a dispatcher round's, in one statement), each only while the lease is still ours and the cursor
 * is still where we read from; returns the names that moved. One missing means another node took over, or another
 * loop of this node already moved it (a projection must then roll back, or it would count the batch twice).
 */
export async function advanceCursors(db: Db, owner: string, moves: Array<{ name: string; fromId: number; toId: number }>): Promise<Set<string>> {
  if (moves.length === 0) return new Set();
  const col = columnArrays(moves);
  const rows = await queryRows<{ name: string }>(db, sql`
    UPDATE subscriber_cursors c SET last_event_id = v.to_id, updated_at = now()
    FROM unnest(${col((m) => m.name)}::text[], ${col((m) => m.fromId)}::bigint[], ${col((m) => m.toId)}::bigint[]) AS v(name, from_id, to_id)
    WHERE c.name = v.name AND c.lease_owner = ${owner} AND c.last_event_id = v.from_id
    RETURNING c.name`);
  return new Set(rows.map((r) => r.name));
}

export async function releaseLeases(db: Db, owner?: string, names?: string[]) {
  const conditions = [owner ? eq(subscriberCursors.leaseOwner, owner) : undefined, names ? inArray(subscriberCursors.name, names) : undefined];
  await db.update(subscriberCursors).set({ leaseOwner: null, leaseUntil: null }).where(and(...conditions) ?? sql`true`);
}

