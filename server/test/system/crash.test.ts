import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/platform/db/pglite.js';
import { queryRows } from '../../src/platform/db/db.js';
import { SocketClient } from '../socket-client.js';
import { ChildServer, freePort, sendInbound, setUpWorkspaceWithApiChannel } from './child-server.js';

const MESSAGES = 2_000;
const CONCURRENCY = 8;
const KILL_AFTER_ACKS = 700;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A socket client as a dashboard runs it: it follows the workspace and, when the socket drops, reconnects with its last event id. */
class Follower {
  readonly sockets: SocketClient[] = [];
  readonly resets: unknown[] = [];
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(private url: string, private cookie: string) {}

  get ids() {
    return this.sockets.flatMap((s) => s.eventIds);
  }

  get lastId() {
    return this.ids.at(-1) ?? 0;
  }

  async start() {
    await this.connect(0);
    this.loop = this.follow();
  }

  private async connect(lastEventId: number) {
    const socket = await SocketClient.open(this.url, { cookie: this.cookie });
    this.sockets.push(socket);
    await socket.subscribe(['workspace'], lastEventId, 60_000);
    this.resets.push(...socket.frames.filter((f) => f.type === 'reset'));
  }

  private async follow() {
    while (!this.stopped) {
      await this.sockets.at(-1)!.closed;
      while (!this.stopped) {
        try {
          await this.connect(this.lastId);
          break;
        } catch {
          await sleep(200); // the server is not back yet
        }
      }
    }
  }

  /** Resolves once no frame has arrived for `quietMs`. */
  async settle(quietMs: number, timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs;
    let seen = -1;
    let since = Date.now();
    while (Date.now() < until) {
      const count = this.sockets.reduce((n, s) => n + s.frames.length, 0);
      if (count !== seen) {
        seen = count;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await sleep(100);
    }
    throw new Error('the socket never went quiet');
  }

  async stop() {
    this.stopped = true;
    await Promise.all(this.sockets.map((s) => s.close()));
    await this.loop;
  }
}


describe('crash: SIGKILL mid-burst on PGlite', () => {
  it('after restart and the sender\'s retries: every message once, every event dispatched and pushed once, in order', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atiende-crash-'));
    const port = await freePort();
    let server = await ChildServer.start({ dataDir, port, name: 'crash' });
    const cleanup: Array<() => unknown> = [() => server.killGroup()];
    try {
      const channel = await setUpWorkspaceWithApiChannel(server.url, 'Choque');
      const follower = new Follower(server.url, channel.cookie);
      await follower.start();

      // The provider's plan: every message once, and 10 % of them again a little later.
      const plan: number[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        plan.push(i);
        if (i % 10 === 9) plan.push(i - 4);
      }
      expect(plan.length).toBe(MESSAGES * 1.1);
      const message = (i: number) => ({ externalId: `m-${i}`, contact: `58041400${String(i % 40).padStart(3, '0')}`, text: `Hola, mensaje ${i}` });

      const acked = new Map<number, number>(); // message → messageId
      const refused: string[] = [];
      let duplicatesAcked = 0;
      let failedSends = 0;
      let killedPid = 0;
      let restarting: Promise<void> | null = null;

      const crash = async () => {
        killedPid = server.serverPid();
        process.kill(killedPid, 'SIGKILL');
        await server.exited;
        // The lock file still names the dead process: the next start must take it as stale.
        expect(Number(fs.readFileSync(path.join(dataDir, 'atiende.pid'), 'utf8'))).toBe(killedPid);
        expect(() => process.kill(killedPid, 0)).toThrow();
        server = await ChildServer.start({ dataDir, port, name: 'crash' });
      };

      /** Sends until acknowledged, as a provider does; a 4xx other than a duplicate would be a bug. */
      const deliver = async (i: number) => {
        const until = Date.now() + 180_000;
        while (Date.now() < until) {
          try {
            const res = await sendInbound(server.url, channel, message(i));
            if (res.status === 200 && res.body.ok) {
              const known = acked.get(i);
              if (known !== undefined && known !== res.body.messageId) refused.push(`m-${i} acknowledged as ${known} and ${res.body.messageId}`);
              if (res.body.duplicate) duplicatesAcked++;
              acked.set(i, res.body.messageId);
              if (!restarting && acked.size >= KILL_AFTER_ACKS) restarting = crash();
              return;
            }
            if (res.status < 500) {
              refused.push(`m-${i}: ${res.status} ${JSON.stringify(res.body)}`);
              return;
            }
          } catch {
            /* connection refused or reset: not acknowledged */
          }
          failedSends++;
          await sleep(100);
        }
        refused.push(`m-${i}: never acknowledged`);
      };

      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < plan.length) await deliver(plan[next++]);
      }));
      await restarting;
      expect(refused).toEqual([]);
      expect(killedPid).toBeGreaterThan(0);
      expect(failedSends).toBeGreaterThan(0); // the crash did interrupt the burst
      expect(acked.size).toBe(MESSAGES);
      expect(duplicatesAcked).toBeGreaterThan(0);

      // Let the pushes and the subscribers finish, then stop cleanly and look at the data directory.
      await follower.settle(2_000);
      await sleep(3_000);
      const socketIds = follower.ids;
      const crashedSocket = await follower.sockets[0].closed;
      await follower.stop();
      const stopped = await server.stop();
      expect(stopped.code).toBe(0);

      const database = await openPglite({ dataDir });
      cleanup.push(() => database.close());
      const q = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
      const ws = (await q<{ id: number }>(sql`SELECT id FROM workspaces WHERE name = 'Choque'`))[0].id;

      const [stored] = await q<{ n: number; distinct_ids: number }>(sql`
        SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids FROM messages
        WHERE workspace_id = ${ws} AND kind = 'message' AND direction = 'inbound'`);
      expect(stored).toEqual({ n: MESSAGES, distinct_ids: MESSAGES });
      const ids = new Set([...acked.values()]);
      expect(ids.size).toBe(MESSAGES);

      const events = (await q<{ id: number }>(sql`SELECT id FROM events WHERE workspace_id = ${ws} ORDER BY id`)).map((r) => Number(r.id));
      const [created] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM events WHERE workspace_id = ${ws} AND type = 'message.created'`);
      expect(created.n).toBe(MESSAGES);

      const [{ max }] = await q<{ max: number }>(sql`SELECT max(id) AS max FROM events`);
      const cursors = await q<{ name: string; last_event_id: number }>(sql`SELECT name, last_event_id FROM subscriber_cursors ORDER BY name`);
      expect(cursors.length).toBeGreaterThan(0);
      for (const c of cursors) expect({ name: c.name, at: Number(c.last_event_id) }).toEqual({ name: c.name, at: Number(max) });

      const [inbound] = await q<{ n: number }>(sql`SELECT coalesce(sum(value), 0)::int AS n FROM daily_activity WHERE workspace_id = ${ws} AND metric = 'messages_inbound'`);
      expect(inbound.n).toBe(MESSAGES);

      // The socket connected before the crash, reconnected with its last id: every event once, in order.
      expect(crashedSocket.code).not.toBe(1000);
      expect(follower.sockets.length).toBeGreaterThanOrEqual(2);
      expect(follower.resets).toEqual([]);
      expect(socketIds).toEqual(events);
    } finally {
      for (const fn of cleanup.reverse()) await fn();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 400_000);
});
