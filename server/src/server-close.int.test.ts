import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createTestApp, describeEachDriver } from '../test/harness.js';
import { createWorkspace } from '../test/fixtures.js';
import { createApiChannel, inboundMessage, sign } from '../test/channel-fixtures.js';
import { queryRows } from './platform/db/db.js';

describeEachDriver('closing the server', (driver) => {
  it('answers the webhooks in flight, stores each one it acknowledged, and closes at once', async () => {
    const t = await createTestApp(driver);
    const { workspaceId, owner } = await createWorkspace(t);
    const channel = await createApiChannel(t, owner);
    const base = await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    const post = (i: number) => {
      const raw = JSON.stringify(inboundMessage(`close-${i}`, `5842${String(i).padStart(7, '0')}`, 'hola'));
      const headers = { 'content-type': 'application/json', 'x-atiende-signature': sign(channel.secret, raw) };
      return fetch(`${base}/hooks/api/${channel.id}`, { method: 'POST', body: raw, headers }).then((r) => r.status, () => 0);
    };
    await Promise.all(Array.from({ length: 5 }, (_, i) => post(i))); // keep-alive connections, as a provider holds them
    const inflight = Array.from({ length: 40 }, (_, i) => post(100 + i));
    await new Promise((r) => setTimeout(r, 30));

    const started = Date.now();
    await t.server.close();
    const took = Date.now() - started;
    const statuses = await Promise.all(inflight);
    const stored = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM messages WHERE workspace_id = ${workspaceId} AND direction = 'inbound'`);
    await t.close(); // closing twice is harmless

    // A provider re-sends what was refused or cut off; what was acknowledged must be stored.
    expect(stored[0].n).toBe(5 + statuses.filter((s) => s === 200).length);
    expect(took).toBeLessThan(5_000); // it waited for the keep-alive timeout (72 s) when a request was still in flight
  }, 120_000);
});
