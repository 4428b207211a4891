import type { Db } from '../db/db.js';
import type { Bus } from '../bus/bus.js';
import { appendEvents } from './events.repo.js';
import type { NewEvent } from './event-types.js';

export const EVENTS_CHANNEL = 'atiende_events';

export type Emit = (event: NewEvent) => void;

/**
 * The unit of work of every use case: state rows and events commit together. Events are appended
 * last, so the append lock is held only for the commit. After commit the bus tells every node that
 * new events exist (a hint: dispatchers and hubs also poll, so a lost hint delays, never loses).
 */
export async function inTransaction<T>(ctx: { db: Db; bus: Bus }, fn: (tx: Db, emit: Emit) => Promise<T>): Promise<T> {
  const pending: NewEvent[] = [];
  let lastId = 0;
  const result = await ctx.db.transaction(async (tx) => {
    pending.length = 0; // a retried callback starts clean
    const value = await fn(tx as unknown as Db, (e) => pending.push(e));
    if (pending.length) lastId = (await appendEvents(tx as unknown as Db, pending)).at(-1)!;
    return value;
  });
  if (lastId) ctx.bus.publish(EVENTS_CHANNEL, String(lastId));
  return result;
}
