import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { lockConversation, updateConversation } from '../conversations/conversations.repo.js';
import { recordConversationChange } from '../conversations/change-conversation.js';
import { repliedSince, routingTeams } from './routing.repo.js';

export type UnansweredCheck = {
  workspaceId: number;
  conversationId: number;
  /** The assignment being checked; a later one (or none) makes the check stale. */
  assignedAt: string;
};

/**
 * Agent not answering: if the assignee has not replied since this assignment and their team's limit has
 * passed, the conversation goes back to the queue at the place it had, for the next agent who can take it
 * (routing skips the one who did not answer). A stale check (reassigned, replied, closed, the limit removed) does nothing.
 */
export async function reassignUnanswered(ctx: AppContext, check: UnansweredCheck): Promise<boolean> {
  return inTransaction(ctx, async (tx, emit) => {
    const c = await lockConversation(tx, check.workspaceId, check.conversationId);
    if (!c || c.status !== 'open' || c.assigneeId === null || c.assignedAt?.toISOString() !== check.assignedAt) return false;
    const minutes = (await routingTeams(tx, check.workspaceId)).find((t) => t.id === c.teamId)?.reassignAfterMinutes;
    const now = ctx.clock.now();
    if (!minutes || now.getTime() < c.assignedAt.getTime() + minutes * 60_000) return false;
    if (await repliedSince(tx, c.id, c.assigneeId, c.assignedAt)) return false;
    const after = await updateConversation(tx, c.id, { status: 'queued', assigneeId: null, assignedAt: null, queuedAt: c.queuedAt ?? now, lastActivityAt: now });
    await recordConversationChange(tx, emit, {
      before: c, after, type: 'conversation.released', activity: { action: 'released', reason: 'unanswered', minutes, previousAssigneeId: c.assigneeId }, actor: { type: 'system' }, at: now,
      // Routing gives it to anyone but them (routing.subscriber.ts).
      payload: { reason: 'unanswered', avoidUserId: c.assigneeId },
    });
    return true;
  });
}
