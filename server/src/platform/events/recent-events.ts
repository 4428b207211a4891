import type { Db } from '../db/db.js';
import type { EventRow } from './event-types.js';
import { eventsAfter } from './events.repo.js';

const CAPACITY = 5_000;
/** A tail not confirmed by the database for this long is read again: a bus hint may have been lost. */
const MAX_UNCHECKED_MS = 1_000;

/**
 * The newest part of the event log, held in memory so the realtime hub and the dispatcher read what
 * this node has just committed without a query each (on PGlite one connection serves everything, and
 * every query there waits for the one before).
 *
 * It relies on ids being drawn in commit order (events.repo.ts): a database read returns every
 * committed event up to its last row, and a batch committed here whose first id follows the newest
 * one held proves that nothing lies in between. Anything else (another node's commit, an id taken by
 * a rolled-back transaction, a bus hint beyond what is held, a second without a database read) sends
 * the next read to the database, which refills the tail. Rows are shared: readers must not mutate them.
 */
export class RecentEvents {
  private rows: EventRow[] = [];
  /** When valid, `rows` holds every committed event with `floor < id <= top`. */
  private valid = false;
  private floor = 0;
  private top = 0;
  private hinted = 0;
  private checkedAt = 0;

  constructor(private db: Db, private capacity = CAPACITY) {}

  /** Events this node has just committed, in id order (one append statement). */
  committed(batch: EventRow[]) {
    if (!this.valid || batch.length === 0 || batch[0].id <= this.top) return;
    const contiguous = batch[0].id === this.top + 1 && batch.every((e, i) => i === 0 || e.id === batch[i - 1].id + 1);
    if (!contiguous) {
      this.valid = false;
      return;
    }
    this.push(batch);
  }

  /** A bus message: events up to `id` exist somewhere. */
  hint(id: number) {
    if (Number.isSafeInteger(id)) this.hinted = Math.max(this.hinted, id);
  }

  /** Up to `limit` events after `afterId`, in id order, from memory when the tail is known complete. */
  async after(afterId: number, limit: number): Promise<EventRow[]> {
    if (this.covers(afterId)) return this.slice(afterId, limit);
    const page = await eventsAfter(this.db, afterId, limit);
    this.learn(afterId, page, page.length < limit);
    return page;
  }

  private covers(afterId: number) {
    return this.valid && afterId >= this.floor && afterId <= this.top && this.hinted <= this.top && Date.now() - this.checkedAt < MAX_UNCHECKED_MS;
  }

  private slice(afterId: number, limit: number) {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid].id <= afterId) lo = mid + 1;
      else hi = mid;
    }
    return this.rows.slice(lo, lo + limit);
  }

  /**
   * A database page is every committed event in (afterId, its last id]; a page that was not full also
   * proves there was nothing after it when it was read.
   */
  private learn(afterId: number, page: EventRow[], reachedEnd: boolean) {
    const end = page.at(-1)?.id ?? afterId;
    if (this.valid && afterId < this.floor) return; // a reader far behind: keep the tail for the others
    if (this.valid && afterId <= this.top) {
      this.push(page.filter((e) => e.id > this.top));
      this.top = Math.max(this.top, end);
    } else {
      this.rows = [...page];
      this.floor = afterId;
      this.top = end;
      this.valid = true;
    }
    if (reachedEnd) this.checkedAt = Date.now();
  }

  private push(batch: EventRow[]) {
    if (batch.length === 0) return;
    this.rows.push(...batch);
    this.top = batch.at(-1)!.id;
    const excess = this.rows.length - this.capacity;
    if (excess > 0) {
      this.floor = this.rows[excess - 1].id;
      this.rows.splice(0, excess);
    }
  }
}
