import type { Db } from '../db/db.js';
import type { Bus } from '../bus/bus.js';
import { appendEvents } from './events.repo.js';
import type { EventRow, NewEvent } from './event-types.js';
import type { RecentEvents } from './recent-events.js';

export const EVENTS_CHANNEL = 'atiende_events';

export type Emit = (event: NewEvent) => void;

/**
 * The unit of work of every use case: state rows and events commit together. Events are appended
 * last, so the append lock is held only for the commit. After commit this node's tail of the log
 * takes the rows (recent-events.ts) and the bus tells every node that new events exist (a hint: dispatchers and hubs also poll, so a lost hint delays, never loses).
 */
export async function inTransaction<T>(ctx: { db: Db; bus: Bus; recentEvents: RecentEvents }, fn: (tx: Db, emit: Emit) => Promise<T>): Promise<T> {
  const pending: NewEvent[] = [];
  let appended: EventRow[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    pending.length = 0; // a retried callback starts clean
    const value = await fn(tx as unknown as Db, (e) => pending.push(e));
    if (pending.length) appended = await appendEvents(tx as unknown as Db, pending);
    return value;
  });
  if (appended.length) {
    ctx.recentEvents.committed(appended);
    ctx.bus.publish(EVENTS_CHANNEL, String(appended.at(-1)!.id));
  }
  return result;
}
