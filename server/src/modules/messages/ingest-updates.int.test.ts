import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { createWorkspace, type Session } from '../../../test/fixtures.js';
import { createApiChannel } from '../../../test/channel-fixtures.js';
import { observeQueries, queryRows } from '../../platform/db/db.js';
import { ManualClock } from '../../platform/clock.js';
import type { InboundEvent } from '../channels/channel.js';
import { ingestInbound, type IngestChannel } from './ingest-inbound.js';

/** Reactions, edits, read watermarks and echoes as ingestInbound applies them, whatever channel they come from. */
describeEachDriver('ingest: reactions, edits, reads and echoes', (driver) => {
  let t: TestApp;
  let owner: Session;
  let channel: IngestChannel;
  const clock = new ManualClock(new Date('2026-05-04T15:00:00Z'));
  const contact = (n: number) => ({ externalId: `cust-${n}` });
  const ingest = (events: InboundEvent[]) => ingestInbound(t.ctx, channel, events);
  const row = async (externalId: string) =>
    (await queryRows<{ id: number; body: string; meta: any; delivery_status: string | null; direction: string; sender_type: string }>(t.ctx.db, sql`
      SELECT id, body, meta, delivery_status, direction, sender_type FROM messages WHERE channel_id = ${channel.id} AND external_id = ${externalId}`))[0];
  /** Our reply to customer n, already sent with the provider id `out-n-k`. */
  const sentReply = async (n: number, k: number, at: Date) => {
    const [conv] = await queryRows<{ id: number }>(t.ctx.db, sql`
      SELECT c.id FROM conversations c JOIN contact_identities ci ON ci.contact_id = c.contact_id AND ci.channel_id = c.channel_id
      WHERE ci.channel_id = ${channel.id} AND ci.external_id = ${`cust-${n}`} ORDER BY c.id DESC LIMIT 1`);
    await queryRows(t.ctx.db, sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, kind, direction, sender_type, body, external_id, delivery_status, created_at)
      VALUES (${owner.workspaceId}, ${conv.id}, ${channel.id}, 'message', 'outbound', 'user', ${`respuesta ${n}.${k}`}, ${`out-${n}-${k}`}, 'sent', ${at.toISOString()}::timestamptz)`);
  };

  beforeAll(async () => {
    // No workers (ROLE web): the dispatcher's subscribers would run their own queries while ours are counted.
    t = await createTestApp(driver, { clock, env: { ROLE: 'web' } });
    ({ owner } = await createWorkspace(t));
    const api = await createApiChannel(t, owner);
    channel = { id: api.id, workspaceId: owner.workspaceId, defaultTeamId: null, botEnabled: false };
    await ingest(Array.from({ length: 24 }, (_, n) => ({ kind: 'message' as const, externalId: `in-${n}`, contact: contact(n), text: `hola ${n}` })));
    for (let n = 0; n < 24; n++) await sentReply(n, 1, new Date('2026-05-04T15:01:00Z'));
  });
  afterAll(() => t?.close());

  it('applies a message and a reaction to it in one batch, keeps the newer of two reactions, and ignores unknown targets', async () => {
    const [stored, reacted, unknown] = await ingest([
      { kind: 'message', externalId: 'in-x', contact: contact(100), text: 'recién llegado' },
      { kind: 'reaction', externalId: 'r1', contact: contact(100), targetExternalId: 'in-x', emoji: '🔥', at: new Date('2026-05-04T15:05:00Z') },
      { kind: 'reaction', externalId: 'r2', contact: contact(100), targetExternalId: 'nadie', emoji: '👍' },
    ]);
    expect(stored).toMatchObject({ kind: 'message', duplicate: false });
    expect(reacted).toEqual({ kind: 'reaction', externalId: 'in-x', applied: true });
    expect(unknown).toEqual({ kind: 'reaction', externalId: 'nadie', applied: false });
    // A late re-delivery of an older reaction does not undo the newer one.
    expect(await ingest([{ kind: 'reaction', externalId: 'r0', contact: contact(100), targetExternalId: 'in-x', emoji: null, at: new Date('2026-05-04T15:04:00Z') }])).toEqual([{ kind: 'reaction', externalId: 'in-x', applied: false }]);
    expect((await row('in-x')).meta.reactions).toEqual([{ emoji: '🔥', contactId: expect.any(Number), at: '2026-05-04T15:05:00.000Z' }]);
  });

  it('keeps the first text on edits and ignores an older edit arriving late; our own messages are not edited by the customer', async () => {
    await ingest([{ kind: 'edit', externalId: 'in-0', contact: contact(0), text: 'hola 0 (2)', editedAt: new Date('2026-05-04T15:10:00Z') }]);
    await ingest([{ kind: 'edit', externalId: 'in-0', contact: contact(0), text: 'hola 0 (3)', editedAt: new Date('2026-05-04T15:11:00Z') }]);
    expect(await ingest([{ kind: 'edit', externalId: 'in-0', contact: contact(0), text: 'hola 0 (2)', editedAt: new Date('2026-05-04T15:10:00Z') }])).toEqual([{ kind: 'edit', externalId: 'in-0', applied: false }]);
    expect(await row('in-0')).toMatchObject({ body: 'hola 0 (3)', meta: { editedFrom: 'hola 0', editedAt: '2026-05-04T15:11:00.000Z' } });
    expect(await ingest([{ kind: 'edit', externalId: 'out-0-1', contact: contact(0), text: 'cambiado' }])).toEqual([{ kind: 'edit', externalId: 'out-0-1', applied: false }]);
  });

  it('moves replies sent up to the watermark to read, not later ones, not queued ones, and never back', async () => {
    await sentReply(1, 2, new Date('2026-05-04T15:20:00Z'));
    const [read] = await ingest([{ kind: 'read', contact: contact(1), upTo: { at: new Date('2026-05-04T15:10:00Z') } }]);
    expect(read).toEqual({ kind: 'read', read: 1 });
    expect((await row('out-1-1')).delivery_status).toBe('read');
    expect((await row('out-1-2')).delivery_status).toBe('sent');
    // By message (Instagram): up to and including it.
    expect(await ingest([{ kind: 'read', contact: contact(1), upTo: { externalId: 'out-1-2' } }])).toEqual([{ kind: 'read', read: 1 }]);
    expect(await ingest([{ kind: 'read', contact: contact(1), upTo: { externalId: 'out-1-2' } }])).toEqual([{ kind: 'read', read: 0 }]);
    await queryRows(t.ctx.db, sql`UPDATE messages SET delivery_status = 'queued' WHERE external_id = 'out-2-1'`);
    expect(await ingest([{ kind: 'read', contact: contact(2), upTo: { at: new Date('2026-05-04T16:00:00Z') } }])).toEqual([{ kind: 'read', read: 0 }]);
  });

  it('stores an echo once, as already sent, in the contact\'s conversation without reopening or counting it unread', async () => {
    const [conv] = await queryRows<{ id: number; unread_count: number; status: string }>(t.ctx.db, sql`
      SELECT c.id, c.unread_count, c.status FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.external_id = 'in-3'`);
    await queryRows(t.ctx.db, sql`UPDATE conversations SET status = 'closed', closed_at = ${clock.now().toISOString()}::timestamptz WHERE id = ${conv.id}`);
    const echo = { kind: 'echo' as const, externalId: 'echo-3', contact: contact(3), text: 'Le escribí desde el teléfono' };
    const [first] = await ingest([echo]);
    const [again] = await ingest([echo]);
    expect(first).toMatchObject({ kind: 'message', conversationId: conv.id, duplicate: false });
    expect(again).toMatchObject({ kind: 'message', duplicate: true });
    expect(await row('echo-3')).toMatchObject({ direction: 'outbound', sender_type: 'system', delivery_status: 'sent', meta: { echo: true } });
    const [after] = await queryRows<{ unread_count: number; status: string }>(t.ctx.db, sql`SELECT unread_count, status FROM conversations WHERE id = ${conv.id}`);
    expect(after).toEqual({ unread_count: conv.unread_count, status: 'closed' });
  });

  it('runs the same number of statements for 2 or 20 reactions, edits, reads and echoes', async () => {
    const batch = (from: number, size: number, round: number): InboundEvent[] =>
      Array.from({ length: size }, (_, i) => from + i).flatMap((n): InboundEvent[] => [
        { kind: 'reaction', externalId: `r-${round}-${n}`, contact: contact(n), targetExternalId: `out-${n}-1`, emoji: round % 2 ? '❤️' : '👍', at: new Date(clock.now().getTime() + round * 1000) },
        { kind: 'edit', externalId: `in-${n}`, contact: contact(n), text: `hola ${n} (ronda ${round})`, editedAt: new Date(clock.now().getTime() + round * 1000) },
        { kind: 'read', contact: contact(n), upTo: { externalId: `out-${n}-1` } },
        { kind: 'echo', externalId: `echo-${round}-${n}`, contact: contact(n), text: `eco ${round}` },
      ]);
    const statements = async (events: InboundEvent[]) => {
      let n = 0;
      const stop = observeQueries((q) => {
        if (!/pgboss|subscriber_cursors|from "events"|from events/i.test(q)) n++;
      });
      try {
        const results = await ingest(events);
        expect(results.filter((r) => r.kind === 'reaction' || r.kind === 'edit').every((r) => 'applied' in r && r.applied)).toBe(true);
      } finally {
        stop();
      }
      return n;
    };
    const small = await statements(batch(4, 2, 1));
    const large = await statements(batch(6, 18, 2));
    expect(large).toBe(small);
  });
});
