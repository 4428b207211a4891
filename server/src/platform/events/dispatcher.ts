import type { Db } from '../db/db.js';
import type { AppContext } from '../context.js';
import { EVENTS_CHANNEL } from './transaction.js';
import { advanceCursor, claimCursor, eventsAfter, releaseLeases } from './events.repo.js';
import type { EventRow } from './event-types.js';

/**
 * A durable subscriber. `handle` runs after the batch is read and before the cursor moves, so a crash
 * replays the batch (at-least-once: handlers are idempotent). `project` instead runs inside the
 * transaction that moves the cursor, for read models that must count each event exactly once.
 */
export interface Subscriber {
  name: string;
  accepts?(event: EventRow): boolean;
  handle?(ctx: AppContext, events: EventRow[]): Promise<void>;
  project?(tx: Db, events: EventRow[]): Promise<void>;
}

class CursorMoved extends Error {}

const BATCH = 200;
const LEASE_SECONDS = 15;
const POLL_MS = 1000;

export class Dispatcher {
  private running = false;
  private loops: Promise<void>[] = [];
  private wake = new Set<() => void>();
  private unsubscribe: () => void = () => {};

  constructor(private ctx: AppContext, private subscribers: Subscriber[]) {}

  start() {
    this.running = true;
    this.unsubscribe = this.ctx.bus.subscribe(EVENTS_CHANNEL, () => this.poke());
    this.loops = this.subscribers.map((s) => this.loop(s));
  }

  /** Tells every subscriber loop to look for new events now. */
  poke() {
    for (const w of [...this.wake]) w();
  }

  async stop() {
    this.running = false;
    this.unsubscribe();
    this.poke();
    await Promise.all(this.loops);
    // Hand the leases back, so a restarted node (a new nodeId) resumes now instead of after the lease expires.
    const names = this.subscribers.map((s) => s.name);
    if (names.length) await releaseLeases(this.ctx.db, this.ctx.nodeId, names).catch((err) => this.ctx.log.warn({ err }, 'releasing subscriber leases'));
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake.add(done);
    });
  }

  private async loop(sub: Subscriber) {
    let failures = 0;
    while (this.running) {
      try {
        const moved = await this.step(sub);
        failures = 0;
        if (!moved) await this.sleep(POLL_MS);
      } catch (err) {
        failures++;
        this.ctx.log.error({ err, subscriber: sub.name, failures }, 'subscriber failed; retrying the same batch');
        await this.sleep(Math.min(30_000, 250 * 2 ** failures));
      }
    }
  }

  /** One batch: claim the lease, read, handle, advance. Returns whether anything was processed. */
  async step(sub: Subscriber): Promise<boolean> {
    const { db, nodeId } = this.ctx;
    const cursor = await claimCursor(db, sub.name, nodeId, LEASE_SECONDS);
    if (cursor === null) return false; // another node holds this subscriber
    const batch = await eventsAfter(db, cursor, BATCH);
    if (batch.length === 0) return false;
    const wanted = sub.accepts ? batch.filter((e) => sub.accepts!(e)) : batch;
    const last = batch.at(-1)!.id;
    if (sub.project) {
      try {
        await db.transaction(async (tx) => {
          if (wanted.length) await sub.project!(tx as unknown as Db, wanted);
          if (!(await advanceCursor(tx as unknown as Db, sub.name, nodeId, cursor, last))) throw new CursorMoved();
        });
      } catch (err) {
        if (!(err instanceof CursorMoved)) throw err;
        // Another node or loop moved the cursor first: its projection counted this batch, ours rolled back.
      }
    } else {
      if (wanted.length) await sub.handle!(this.ctx, wanted);
      await advanceCursor(db, sub.name, nodeId, cursor, last);
    }
    return true;
  }

  /** Runs every subscriber until it has caught up (tests and the demo loader use this). */
  async drain() {
    for (const sub of this.subscribers) while (await this.step(sub));
  }
}
