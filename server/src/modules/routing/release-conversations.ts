import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { recordConversationChange } from '../conversations/change-conversation.js';
import { releaseToQueue, routingTeams } from './routing.repo.js';

export type ReleaseReason = 'offline' | 'deactivated';

/**
 * An agent who left gives their conversations back to the queue so customers are not left waiting on them:
 * a deactivated member all of them (snoozed ones stay snoozed, unassigned); one who went offline only the open
 * ones of teams that ask for it. Each gets a timeline entry and its events in the same transaction.
 */
export async function releaseAgentConversations(ctx: AppContext, workspaceId: number, userId: number, reason: ReleaseReason): Promise<number> {
  const teamIds = reason === 'offline' ? (await routingTeams(ctx.db, workspaceId)).filter((t) => t.returnWhenOffline).map((t) => t.id) : undefined;
  if (teamIds && teamIds.length === 0) return 0;
  return inTransaction(ctx, async (tx, emit) => {
    const now = ctx.clock.now();
    const statuses = reason === 'offline' ? (['open'] as const) : (['open', 'snoozed'] as const);
    const released = await releaseToQueue(tx, workspaceId, { userId, teamIds, statuses: [...statuses] }, now);
    for (const { before, after } of released) {
      await recordConversationChange(tx, emit, {
        before, after, type: 'conversation.released', activity: { action: 'released', reason, previousAssigneeId: userId }, actor: { type: 'system' }, at: now,
      });
    }
    return released.length;
  });
}
