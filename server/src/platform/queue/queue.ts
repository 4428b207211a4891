import PgBoss from 'pg-boss';
import pg from 'pg';
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/db.js';

export interface JobOptions {
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

/** A kind of job: its queue name, retry policy and handler. Every job's data names its workspace. */
export interface JobDefinition<T extends { workspaceId: number }, C> {
  name: string;
  options?: JobOptions;
  /** How many of these one node runs at once. */
  concurrency?: number;
  handle(ctx: C, data: T, job: { id: string; retryCount: number; retryLimit: number }): Promise<void>;
}

export interface SendOptions {
  /** A stable key: sending twice with the same key enqueues one job. */
  key?: string;
  startAfter?: Date;
}

const QUEUE_DEFINE_LOCK = 7_202_613;

/** A UUID derived from a key, so a re-sent job collides with the first instead of running twice. */
export function jobIdFor(name: string, key: string) {
  const h = crypto.createHash('sha256').update(`${name}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** pg-boss on the configured database: natively on PostgreSQL, in-process on PGlite through executeSql. */
export class Queue {
  private workers = new Map<string, string[]>();
  private created = new Map<string, Promise<void>>();

  private constructor(readonly boss: PgBoss, private log: Logger, private url?: string) {}

  static async open(database: Database, log: Logger): Promise<Queue> {
    const boss = database.url
      ? new PgBoss({ connectionString: database.url, max: 4, application_name: 'atiende-queue' })
      : new PgBoss({ db: { executeSql: (text, values) => database.executeSql(text, values) } });
    boss.on('error', (err) => log.error({ err }, 'queue error'));
    await boss.start();
    return new Queue(boss, log, database.url);
  }

  /** Creates the queue once per process; concurrent first calls share one creation (each would open a connection). */
  define(def: { name: string; options?: JobOptions }): Promise<void> {
    let created = this.created.get(def.name);
    if (!created) {
      created = this.oneNodeAtATime(() => this.boss.createQueue(def.name, { name: def.name, ...def.options }));
      created.catch(() => this.created.delete(def.name)); // a failed creation is tried again by the next caller
      this.created.set(def.name, created);
    }
    return created;
  }

  /**
   * pg-boss 10 creates each queue's partition with DDL (CREATE TABLE, foreign keys to pgboss.queue,
   * ATTACH PARTITION) and no lock of its own: nodes starting at once on a new database deadlock there.
   * A session advisory lock on a connection of our own makes them take turns.
   */
  private async oneNodeAtATime(fn: () => Promise<void>) {
    if (!this.url) return fn();
    const client = new pg.Client({ connectionString: this.url, application_name: 'atiende-queue-define' });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [QUEUE_DEFINE_LOCK]);
      await fn();
    } finally {
      await client.end(); // ending the session releases the lock
    }
  }

  /**
   * How often an idle worker looks for due jobs. Every job sent on this node wakes its workers at once,
   * so polling only finds delayed jobs, retries and other nodes' jobs; on PGlite there are no other
   * nodes, and each poll is a query the single connection serves before everything else.
   */
  private get pollingIntervalSeconds() {
    return this.url ? 0.5 : 2;
  }

  async send(name: string, data: { workspaceId: number } & Record<string, unknown>, opts: SendOptions = {}): Promise<string | null> {
    const id = await this.boss.send(name, data, {
      id: opts.key ? jobIdFor(name, opts.key) : undefined,
      startAfter: opts.startAfter,
    });
    // Wake this node's idle workers now instead of at their next poll.
    if (!opts.startAfter) for (const w of this.workers.get(name) ?? []) this.boss.notifyWorker(w);
    return id;
  }

  async work<T extends { workspaceId: number }, C>(ctx: C, def: JobDefinition<T, C>) {
    await this.define(def);
    const ids: string[] = [];
    for (let i = 0; i < (def.concurrency ?? 1); i++) {
      let id = '';
      id = await this.boss.work<T>(def.name, { pollingIntervalSeconds: this.pollingIntervalSeconds, includeMetadata: true }, async ([job]) => {
        // pg-boss 10 waits a polling interval after every job, even when more are queued (two jobs a
        // second per worker); a worker that just found one fetches the next at once.
        if (id) this.boss.notifyWorker(id);
        await def.handle(ctx, job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
      });
      ids.push(id);
    }
    this.workers.set(def.name, ids);
  }

  retry(name: string, id: string) {
    return this.boss.retry(name, id);
  }

  async stop() {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch((err) => this.log.warn({ err }, 'queue stop'));
  }
}
