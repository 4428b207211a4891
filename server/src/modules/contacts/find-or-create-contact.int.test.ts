import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, describeEachDriver, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../platform/db/db.js';
import { workspaces } from '../workspaces/workspaces.tables.js';
import { channels } from '../channels/channels.tables.js';
import { contactIdentities, contacts } from './contacts.tables.js';
import { findOrCreateContactByIdentity } from './contacts.repo.js';

describeEachDriver('findOrCreateContactByIdentity', (driver) => {
  let t: TestApp;
  let workspaceId: number;
  let channelId: number;

  beforeAll(async () => {
    t = await createTestApp(driver);
    [{ id: workspaceId }] = await t.ctx.db.insert(workspaces).values({ name: 'Identities' }).returning({ id: workspaces.id });
    [{ id: channelId }] = await t.ctx.db.insert(channels).values({ workspaceId, type: 'api', name: 'API' }).returning({ id: channels.id });
  });
  afterAll(() => t?.close());

  /** Contacts of this workspace without an identity: every contact here comes from an identity, so any is an orphan. */
  const orphans = async () => {
    const [row] = await queryRows<{ n: number }>(t.ctx.db, sql`
      SELECT count(*)::int AS n FROM contacts c WHERE c.workspace_id = ${workspaceId}
        AND NOT EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id)`);
    return row.n;
  };

  it('creates the contact with normalised fields on first contact, then finds it', async () => {
    const first = await t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId: 'first', name: ' Ana ', phone: '+58 414-123 4567', email: 'ANA@Example.com ' }));
    expect(first.created).toBe(true);
    const [contact] = await t.ctx.db.select().from(contacts).where(eq(contacts.id, first.contactId));
    expect(contact).toMatchObject({ workspaceId, name: 'Ana', phone: '+584141234567', email: 'ana@example.com' });
    const again = await t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId: 'first', name: 'Other name' }));
    expect(again).toEqual({ ...first, created: false });
  });

  it('20 concurrent calls for one identity end with one identity and one contact', async () => {
    const before = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(contacts);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId: 'race', name: `Caller ${i}` })),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
    expect(new Set(results.map((r) => r.identityId)).size).toBe(1);
    const identities = await t.ctx.db.select().from(contactIdentities).where(eq(contactIdentities.externalId, 'race'));
    expect(identities).toHaveLength(1);
    expect(identities[0].contactId).toBe(results[0].contactId);
    const after = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(contacts);
    expect(after[0].n - before[0].n).toBe(1);
    expect(await orphans()).toBe(0);
  });

  it('different identities get different contacts', async () => {
    const [a, b] = await Promise.all(['x-1', 'x-2'].map((externalId) => t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId }))));
    expect(a.created && b.created).toBe(true);
    expect(a.contactId).not.toBe(b.contactId);
  });

  // PGlite runs one transaction at a time, so a transaction cannot wait on another there.
  it.skipIf(driver === 'pglite')('a caller blocked on an uncommitted winner takes the winner once it commits, and creates nothing (PostgreSQL only: PGlite runs one transaction at a time)', async () => {
    await expectBlockedCaller('commit');
  });
  it.skipIf(driver === 'pglite')('a caller blocked on a winner that rolls back creates the contact itself (PostgreSQL only: PGlite runs one transaction at a time)', async () => {
    await expectBlockedCaller('rollback');
  });

  async function expectBlockedCaller(outcome: 'commit' | 'rollback') {
    const externalId = `blocked-${outcome}`;
    const contactsBefore = (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(contacts))[0].n;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstInserted!: (v: { contactId: number }) => void;
    const inserted = new Promise<{ contactId: number }>((r) => (firstInserted = r));
    const first = t.ctx.db.transaction(async (tx) => {
      const r = await findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId });
      firstInserted(r);
      await gate;
      if (outcome === 'rollback') tx.rollback();
      return r;
    }).catch((err) => err);
    const winner = await inserted;
    const second = t.ctx.db.transaction((tx) => findOrCreateContactByIdentity(tx as never, { workspaceId, channelId, externalId }));
    // Wait until the second caller is really blocked on the first one's uncommitted identity row.
    let blocked = false;
    for (let i = 0; i < 500 && !blocked; i++) {
      const [w] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      blocked = w.n > 0;
      if (!blocked) await new Promise((r) => setTimeout(r, 10));
    }
    release();
    expect(blocked).toBe(true);
    await first;
    const got = await second;
    const contactsAfter = (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(contacts))[0].n;
    const identities = await t.ctx.db.select().from(contactIdentities).where(eq(contactIdentities.externalId, externalId));
    expect(identities).toHaveLength(1);
    expect(contactsAfter - contactsBefore).toBe(1);
    if (outcome === 'commit') expect(got).toMatchObject({ contactId: winner.contactId, created: false });
    else expect(got.created).toBe(true);
    expect(identities[0].contactId).toBe(got.contactId);
    expect(await orphans()).toBe(0);
  }
});
