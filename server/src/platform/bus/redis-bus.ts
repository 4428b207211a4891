import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Bus, Listeners } from './bus.js';

/** Redis pub/sub: one subscriber connection, one publisher connection; ioredis resubscribes on reconnect. */
export async function redisBus(url: string, log: Logger): Promise<Bus> {
  const listeners = new Listeners();
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  const pub = new Redis(url, { lazyConnect: true });
  for (const c of [sub, pub]) c.on('error', (err) => log.warn({ err: err.message }, 'bus: redis error'));
  await Promise.all([sub.connect(), pub.connect()]);
  sub.on('message', (channel: string, message: string) => listeners.emit(channel, message));
  return {
    kind: 'redis',
    publish(channel, message) {
      pub.publish(channel, message).catch((err) => log.warn({ err: err.message }, 'bus: PUBLISH failed'));
    },
    subscribe(channel, fn) {
      const first = !listeners.has(channel);
      const off = listeners.add(channel, fn);
      if (first) sub.subscribe(channel).catch(() => {});
      return off;
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
