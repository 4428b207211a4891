import pg from 'pg';
import type { Logger } from 'pino';
import { type Bus, Listeners } from './bus.js';

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** LISTEN on one dedicated connection (reconnecting), NOTIFY through a small pool. */
export async function postgresBus(url: string, log: Logger): Promise<Bus> {
  const listeners = new Listeners();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  let client: pg.Client | null = null;
  let closed = false;

  async function connect() {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => listeners.emit(n.channel, n.payload ?? ''));
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'bus: LISTEN connection lost, reconnecting');
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    await c.connect();
    for (const ch of listeners.channels()) await c.query(`LISTEN ${quoteIdent(ch)}`);
    client = c;
  }
  function reconnect(c: pg.Client) {
    if (closed || client !== c) return;
    client = null;
    setTimeout(() => connect().catch(() => reconnect(c)), 500).unref();
  }
  await connect();

  return {
    kind: 'postgres',
    publish(channel, message) {
      pool.query('SELECT pg_notify($1, $2)', [channel, message]).catch((err) => log.warn({ err: err.message }, 'bus: NOTIFY failed'));
    },
    subscribe(channel, fn) {
      const first = !listeners.has(channel);
      const off = listeners.add(channel, fn);
      if (first) client?.query(`LISTEN ${quoteIdent(channel)}`).catch(() => {});
      return off;
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}
