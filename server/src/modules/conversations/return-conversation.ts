import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { atLeast } from '../auth/permissions.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';

/** Return (seed 001's DEVOLVER): the assignee releases it back to its team's queue. */
export async function returnConversation(ctx: UseCaseContext, id: number) {
  return changeConversation(ctx, id, 'conversation.assign', (c) => {
    if (c.assigneeId !== ctx.actor.userId && !atLeast(ctx.actor, 'supervisor')) throw forbidden('Only the assignee or a supervisor can return this conversation');
    return {
      patch: { assigneeId: null, status: assertTransition(c.status, 'queued') },
      type: 'conversation.returned',
      activity: { action: 'returned', previousAssigneeId: c.assigneeId, teamId: c.teamId },
    };
  });
}
