import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { pendingReceipts } from './pending-receipts.tables.js';

export type PendingReceipt = typeof pendingReceipts.$inferInsert;

/** How long a receipt waits for its message: a send's answer comes within seconds; older ones are another app's. */
const KEPT_MS = 24 * 60 * 60_000;

/** Keeps receipts for messages not known yet (once each), and forgets the channel's receipts that waited too long. */
export async function parkReceipts(tx: Db, channelId: number, receipts: PendingReceipt[], now: Date): Promise<void> {
  await tx.delete(pendingReceipts).where(and(eq(pendingReceipts.channelId, channelId), lt(pendingReceipts.receivedAt, new Date(now.getTime() - KEPT_MS))));
  if (receipts.length) await tx.insert(pendingReceipts).values(receipts).onConflictDoNothing();
}

/** Removes and returns the receipts that were waiting for this provider id. */
export async function takeReceipts(tx: Db, channelId: number, externalId: string) {
  return tx.delete(pendingReceipts).where(and(eq(pendingReceipts.channelId, channelId), eq(pendingReceipts.externalId, externalId))).returning();
}
