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
const SHARED_READ_MS = 50;

export class Dispatcher {
  private running = false;
  private loops: Promise<void>[] = [];
  private wake = new Set<() => void>();
  private unsubscribe: () => void = () => {};
  /** Bumped by every poke: a loop that saw it change while busy looks again instead of sleeping. */
  private pokes = 0;
  /** The last page read, shared by subscribers at the same cursor until the next poke announces more. */
  private lastRead: { after: number; pokes: number; at: number; events: EventRow[] } | null = null;
  /** Per subscriber: the cursor as this node last left it, while its lease is surely ours. */
  private held = new Map<string, { cursor: number; until: number }>();

  constructor(private ctx: AppContext, private subscribers: Subscriber[]) {}

  start() {
    this.running = true;
    this.unsubscribe = this.ctx.bus.subscribe(EVENTS_CHANNEL, () => this.poke());
    this.loops = this.subscribers.map((s) => this.loop(s));
  }

  /** Tells every subscriber loop to look for new events now. */
  poke() {
    this.pokes++;
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
        const seen = this.pokes;
        const processed = await this.step(sub);
        failures = 0;
        // A full batch means more are waiting; otherwise sleep unless new events were announced meanwhile.
        if (processed < BATCH && seen === this.pokes) await this.sleep(POLL_MS);
        else await new Promise((r) => setImmediate(r)); // PGlite never yields to I/O by itself: let requests in
      } catch (err) {
        this.held.delete(sub.name);
        failures++;
        this.ctx.log.error({ err, subscriber: sub.name, failures }, 'subscriber failed; retrying the same batch');
        await this.sleep(Math.min(30_000, 250 * 2 ** failures));
      }
    }
  }

  /** The cursor, claiming (or renewing) the lease only when the one we hold is about to run out. */
  private async cursorOf(sub: Subscriber): Promise<number | null> {
    const held = this.held.get(sub.name);
    if (held && held.until > Date.now()) return held.cursor;
    const cursor = await claimCursor(this.ctx.db, sub.name, this.ctx.nodeId, LEASE_SECONDS);
    if (cursor === null) this.held.delete(sub.name);
    else this.held.set(sub.name, { cursor, until: Date.now() + (LEASE_SECONDS * 1000) / 3 });
    return cursor;
  }

  private moved(sub: Subscriber, to: number, ok: boolean) {
    const held = this.held.get(sub.name);
    if (ok && held) held.cursor = to;
    else this.held.delete(sub.name); // lost the lease or raced another loop: re-read the row next time
  }

  /**
   * Subscribers usually sit at the same cursor: one read serves them all. A page may miss events committed
   * after it was read, so it is reused only briefly and only while no poke has arrived since: the next
   * poke or poll reads again (a moment of staleness, never a loss).
   */
  private async read(after: number): Promise<EventRow[]> {
    const cached = this.lastRead;
    if (cached && cached.after === after && cached.pokes === this.pokes && Date.now() - cached.at < SHARED_READ_MS) return cached.events;
    const pokes = this.pokes;
    const events = await eventsAfter(this.ctx.db, after, BATCH);
    this.lastRead = { after, pokes, at: Date.now(), events };
    return events;
  }

  /** One batch: claim the lease, read, handle, advance. Returns how many events were processed. */
  async step(sub: Subscriber): Promise<number> {
    const { db, nodeId } = this.ctx;
    const cursor = await this.cursorOf(sub);
    if (cursor === null) return 0; // another node holds this subscriber
    const batch = await this.read(cursor);
    if (batch.length === 0) return 0;
    const wanted = sub.accepts ? batch.filter((e) => sub.accepts!(e)) : batch;
    const last = batch.at(-1)!.id;
    if (sub.project) {
      try {
        await db.transaction(async (tx) => {
          if (wanted.length) await sub.project!(tx as unknown as Db, wanted);
          if (!(await advanceCursor(tx as unknown as Db, sub.name, nodeId, cursor, last))) throw new CursorMoved();
        });
        this.moved(sub, last, true);
      } catch (err) {
        if (!(err instanceof CursorMoved)) throw err;
        // Another node or loop moved the cursor first: its projection counted this batch, ours rolled back.
        this.moved(sub, last, false);
      }
    } else {
      if (wanted.length) await sub.handle!(this.ctx, wanted);
      this.moved(sub, last, await advanceCursor(db, sub.name, nodeId, cursor, last));
    }
    return batch.length;
  }

  /** Runs every subscriber until it has caught up (tests and the demo loader use this). */
  async drain() {
    for (const sub of this.subscribers) while ((await this.step(sub)) > 0);
  }
}
