import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.js';
import { conversationMentions } from './conversation-mentions.tables.js';

export async function insertMentions(tx: Db, rows: Array<typeof conversationMentions.$inferInsert>) {
  if (rows.length === 0) return;
  await tx.insert(conversationMentions).values(rows).onConflictDoNothing();
}

/** Marks the user's unseen mentions in the conversation seen; answers how many there were. */
export async function markMentionsSeen(tx: Db, conversationId: number, userId: number, at: Date): Promise<number> {
  const rows = await tx
    .update(conversationMentions)
    .set({ seenAt: at })
    .where(and(eq(conversationMentions.conversationId, conversationId), eq(conversationMentions.userId, userId), isNull(conversationMentions.seenAt)))
    .returning({ messageId: conversationMentions.messageId });
  return rows.length;
}
