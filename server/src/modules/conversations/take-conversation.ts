import type { UseCaseContext } from '../use-case.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { atLeast } from '../auth/permissions.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';

/**
 * Take (seeds 001 and 004): the acting agent becomes the assignee and the conversation opens. Once
 * taken nobody else can take it; supervisors may take over. Two agents taking at once: the row lock
 * serialises them and the second gets 409.
 */
export async function takeConversation(ctx: UseCaseContext, id: number) {
  const me = ctx.actor.userId;
  if (me === null) throw badRequest('Only a user can take a conversation; assign it to one instead');
  return changeConversation(ctx, id, 'conversation.take', (c) => {
    if (c.assigneeId === me && c.status === 'open') throw conflict('You already have this conversation');
    if (c.assigneeId !== null && c.assigneeId !== me && !atLeast(ctx.actor, 'supervisor')) {
      throw conflict('Another agent has already taken this conversation', { assigneeId: c.assigneeId });
    }
    const status = c.status === 'open' ? 'open' : assertTransition(c.status, 'open');
    return {
      patch: { assigneeId: me, status, botActive: false, snoozeMode: null, snoozedUntil: null },
      type: 'conversation.taken',
      activity: { action: 'taken', userId: me, previousAssigneeId: c.assigneeId },
    };
  });
}
