import crypto from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Config } from './config/config.js';
import type { Database, Db } from './db/db.js';
import { openDatabase } from './db/open-database.js';
import type { Bus } from './bus/bus.js';
import { openBus } from './bus/open-bus.js';
import { Queue } from './queue/queue.js';
import { type Storage, localDiskStorage } from './storage/storage.js';
import { type Mailer, openMailer } from './mail/mailer.js';
import { type Clock, systemClock } from './clock.js';
import { SecretBox, resolveSecretKey } from './crypto/secret-box.js';
import { RecentEvents } from './events/recent-events.js';
import { EVENTS_CHANNEL } from './events/transaction.js';

/** Everything a use case, job or subscriber may reach, built once per process. */
export interface AppContext {
  config: Config;
  nodeId: string;
  database: Database;
  db: Db;
  bus: Bus;
  /** The newest events, shared by the hub and the dispatcher of this process. */
  recentEvents: RecentEvents;
  queue: Queue;
  storage: Storage;
  mail: Mailer;
  clock: Clock;
  log: Logger;
  secrets: SecretBox;
}

export interface ContextOverrides {
  database?: Database;
  clock?: Clock;
  log?: Logger;
  bus?: Bus;
}

export const redact = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-atiende-signature"]', '*.password', '*.token', '*.secret', '*.secrets'];

export async function createAppContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext> {
  const log = overrides.log ?? pino({ level: config.LOG_LEVEL, redact });
  const database = overrides.database ?? (await openDatabase(config));
  const bus = overrides.bus ?? (await openBus(config, log));
  const queue = await Queue.open(database, log);
  const recentEvents = new RecentEvents(database.db);
  bus.subscribe(EVENTS_CHANNEL, (message) => recentEvents.hint(Number(message))); // first, so readers woken by the same message see it
  return {
    config,
    nodeId: `${process.pid}-${crypto.randomUUID().slice(0, 8)}`,
    database,
    db: database.db,
    bus,
    recentEvents,
    queue,
    storage: localDiskStorage(config.storageDir),
    mail: openMailer(config, log),
    clock: overrides.clock ?? systemClock,
    log,
    secrets: new SecretBox(resolveSecretKey(config)),
  };
}

export async function closeAppContext(ctx: AppContext) {
  await ctx.queue.stop();
  await ctx.bus.close();
  await ctx.database.close();
}
