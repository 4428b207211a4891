import type { Logger } from 'pino';
import type { Bus } from './bus.js';
import { memoryBus } from './memory-bus.js';
import { postgresBus } from './postgres-bus.js';
import { redisBus } from './redis-bus.js';

/** Redis when configured, else PostgreSQL LISTEN/NOTIFY when the database is a server, else in memory. */
export async function openBus(config: { REDIS_URL?: string; DATABASE_URL?: string }, log: Logger): Promise<Bus> {
  if (config.REDIS_URL) return redisBus(config.REDIS_URL, log);
  if (config.DATABASE_URL) return postgresBus(config.DATABASE_URL, log);
  return memoryBus();
}
