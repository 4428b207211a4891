import type { Db } from '../db/db.js';
import type { AppContext } from '../context.js';
import { EVENTS_CHANNEL } from './transaction.js';
import { advanceCursors, claimCursor, releaseLeases } from './events.repo.js';
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

class CursorMoved extends Error {
  constructor(readonly subscriber: string) {
    super(`cursor of ${subscriber} moved`);
  }
}

class ProjectionFailed extends Error {
  constructor(readonly subscriber: string, readonly cause: unknown) {
    super(`projection ${subscriber} failed`);
  }
}

/** A cursor to write: where its row says it is, and where the subscriber has got to. */
interface CursorMove {
  name: string;
  fromId: number;
  toId: number;
}

/** A projection's part of the round: its events, to count in the round's transaction with its cursor write. */
interface Projection extends CursorMove {
  events: EventRow[];
  project: NonNullable<Subscriber['project']>;
}

const BATCH = 200;
const LEASE_SECONDS = 15;
const POLL_MS = 1000;
/** A cursor that only skipped events its subscriber ignores is written at most this often. */
const LAZY_PERSIST_MS = 1000;

interface Held {
  /** Where this subscriber is, on this node. */
  cursor: number;
  /** Where its row says it is (behind `cursor` while only ignored events were passed). */
  persisted: number;
  persistedAt: number;
  /** Renew the lease after this time. */
  renewAt: number;
}

/**
 * Delivers the event log to subscribers, in id order, with a durable cursor per subscriber. One loop
 * per node reads each page once for all subscribers at the same cursor (one query per commit instead
 * of one per subscriber); a subscriber's row is leased, so one node at a time advances it; a failing
 * subscriber backs off alone while the others go on.
 */
export class Dispatcher {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake = new Set<() => void>();
  private unsubscribe: () => void = () => {};
  /** Bumped by every poke: a loop that saw it change while busy looks again instead of sleeping. */
  private pokes = 0;
  private held = new Map<string, Held>();
  private backoff = new Map<string, { failures: number; until: number }>();

  constructor(private ctx: AppContext, private subscribers: Subscriber[]) {}

  start() {
    this.running = true;
    this.unsubscribe = this.ctx.bus.subscribe(EVENTS_CHANNEL, () => this.poke());
    this.loopDone = this.loop();
  }

  /** Tells the loop to look for new events now. */
  poke() {
    this.pokes++;
    for (const w of [...this.wake]) w();
  }

  async stop() {
    this.running = false;
    this.unsubscribe();
    this.poke();
    await this.loopDone;
    await this.flush().catch((err) => this.ctx.log.warn({ err }, 'saving subscriber cursors'));
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

  private async loop() {
    while (this.running) {
      const seen = this.pokes;
      let more = false;
      try {
        more = (await this.round()).full;
      } catch (err) {
        this.ctx.log.error({ err }, 'dispatcher round failed');
      }
      if (more || seen !== this.pokes) {
        await new Promise((r) => setImmediate(r)); // PGlite never yields to I/O by itself: let requests in
      } else {
        await this.flush(LAZY_PERSIST_MS).catch((err) => this.ctx.log.warn({ err }, 'saving subscriber cursors'));
        await this.sleep(POLL_MS);
      }
    }
  }

  /**
   * One pass: every subscriber that is not backing off gets the page after its cursor. Subscribers at
   * the same cursor share one read. `handle` subscribers run first; then one transaction runs the
   * projections and writes every cursor the round moved. Returns how many events were passed on, and
   * whether a page was full.
   */
  async round(): Promise<{ delivered: number; full: boolean }> {
    const groups = new Map<number, Subscriber[]>();
    for (const sub of this.subscribers) {
      const b = this.backoff.get(sub.name);
      if (b && b.until > Date.now()) continue;
      const cursor = await this.cursorOf(sub);
      if (cursor === null) continue; // another node holds this subscriber
      groups.set(cursor, [...(groups.get(cursor) ?? []), sub]);
    }
    let delivered = 0;
    let full = false;
    const moves: CursorMove[] = [];
    const projections: Projection[] = [];
    for (const [cursor, subs] of groups) {
      const page = await this.ctx.recentEvents.after(cursor, BATCH);
      if (page.length === 0) continue;
      delivered = Math.max(delivered, page.length);
      full ||= page.length === BATCH;
      for (const sub of subs) {
        try {
          const next = await this.deliver(sub, page, cursor);
          if (next && 'events' in next) {
            projections.push(next); // it has not run yet: its backoff ends when it commits
            continue;
          }
          if (next) moves.push(next);
          this.backoff.delete(sub.name);
        } catch (err) {
          this.failed(sub.name, err);
        }
      }
    }
    await this.commit(moves, projections);
    return { delivered, full };
  }

  private failed(name: string, err: unknown) {
    const failures = (this.backoff.get(name)?.failures ?? 0) + 1;
    this.backoff.set(name, { failures, until: Date.now() + Math.min(30_000, 250 * 2 ** failures) });
    this.held.delete(name);
    this.ctx.log.error({ err, subscriber: name, failures }, 'subscriber failed; it will get the same batch again');
  }

  /** The cursor, claiming (or renewing) the lease only when the one we hold is about to run out. */
  private async cursorOf(sub: Subscriber): Promise<number | null> {
    const held = this.held.get(sub.name);
    if (held && held.renewAt > Date.now()) return held.cursor;
    if (held && held.cursor !== held.persisted) await this.write([{ name: sub.name, fromId: held.persisted, toId: held.cursor }]);
    const cursor = await claimCursor(this.ctx.db, sub.name, this.ctx.nodeId, LEASE_SECONDS);
    if (cursor === null) {
      this.held.delete(sub.name);
      return null;
    }
    this.held.set(sub.name, { cursor, persisted: cursor, persistedAt: Date.now(), renewAt: Date.now() + (LEASE_SECONDS * 1000) / 3 });
    return cursor;
  }

  /**
   * Passes a page read after `from` (nothing if another loop of this node has moved the cursor meanwhile). A
   * `handle` subscriber runs now and returns its cursor write; a projection is returned to run in the round's
   * transaction, with its cursor write, so it counts each event exactly once.
   */
  private async deliver(sub: Subscriber, page: EventRow[], from: number): Promise<CursorMove | Projection | null> {
    const held = this.held.get(sub.name);
    if (!held || held.cursor !== from) return null;
    const wanted = sub.accepts ? page.filter((e) => sub.accepts!(e)) : page;
    const move = { name: sub.name, fromId: held.persisted, toId: page.at(-1)!.id };
    if (wanted.length === 0) {
      // Nothing for this subscriber: move on locally; the row is written lazily (a replay would skip these again).
      held.cursor = move.toId;
      return Date.now() - held.persistedAt > LAZY_PERSIST_MS ? move : null;
    }
    if (sub.project) return { ...move, events: wanted, project: sub.project };
    await sub.handle!(this.ctx, wanted);
    held.cursor = move.toId;
    return move;
  }

  /**
   * Runs the round's projections and writes its cursors in one transaction. A projection whose cursor did not move
   * (another node or loop counted the batch) or that failed rolls it back; the other cursors are then written alone.
   */
  private async commit(moves: CursorMove[], projections: Projection[]) {
    if (projections.length === 0) return this.write(moves);
    let moved = new Set<string>();
    try {
      await this.ctx.db.transaction(async (tx) => {
        for (const p of projections) await p.project(tx as unknown as Db, p.events).catch((err) => Promise.reject(new ProjectionFailed(p.name, err)));
        moved = await advanceCursors(tx as unknown as Db, this.ctx.nodeId, [...moves, ...projections]);
        const lost = projections.find((p) => !moved.has(p.name));
        if (lost) throw new CursorMoved(lost.name);
      });
    } catch (err) {
      if (err instanceof ProjectionFailed) this.failed(err.subscriber, err.cause);
      else if (err instanceof CursorMoved) this.held.delete(err.subscriber);
      else throw err;
      return this.write(moves); // the projections' batches come again; the others have moved on
    }
    this.settle([...moves, ...projections], moved);
    for (const p of projections) {
      this.backoff.delete(p.name);
      const held = this.held.get(p.name);
      if (held) held.cursor = p.toId;
    }
  }

  /**
   * Writes cursors (a subscriber that lost its lease, or raced another loop, re-reads its row next time). Should the
   * write fail, those subscribers re-read theirs too and get the batch again: at least once.
   */
  private async write(moves: CursorMove[]) {
    let moved: Set<string>;
    try {
      moved = await advanceCursors(this.ctx.db, this.ctx.nodeId, moves);
    } catch (err) {
      for (const m of moves) this.held.delete(m.name);
      throw err;
    }
    this.settle(moves, moved);
  }

  /** Records the cursors written; a subscriber whose row did not move re-reads it next time. */
  private settle(moves: CursorMove[], moved: Set<string>) {
    for (const m of moves) {
      const held = this.held.get(m.name);
      if (moved.has(m.name) && held) Object.assign(held, { persisted: m.toId, persistedAt: Date.now() });
      else this.held.delete(m.name);
    }
  }

  /** Writes the cursors that moved only locally (when idle: those not written for `olderThanMs`; on stop: all). */
  private async flush(olderThanMs = 0) {
    const due = [...this.held].filter(([, h]) => h.cursor !== h.persisted && Date.now() - h.persistedAt >= olderThanMs);
    await this.write(due.map(([name, h]) => ({ name, fromId: h.persisted, toId: h.cursor })));
  }

  /** Runs every subscriber until it has caught up, cursors written (tests and the demo loader use this). */
  async drain() {
    while ((await this.round()).delivered > 0);
    await this.flush();
  }
}
