import type { UseCaseContext } from '../use-case.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';

/** Reopen a closed conversation. Seed 002: when an agent opens it, it is assigned to that agent. */
export async function reopenConversation(ctx: UseCaseContext, id: number) {
  return changeConversation(ctx, id, 'conversation.update', (c) => {
    const assigneeId = ctx.actor.userId ?? c.assigneeId;
    return {
      patch: { status: assertTransition(c.status, assigneeId ? 'open' : 'queued'), assigneeId, botActive: false, closedAt: null, closedBy: null, closingCategory: null, closingSummary: null },
      type: 'conversation.reopened',
      activity: { action: 'reopened', assigneeId },
    };
  });
}
