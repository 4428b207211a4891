import type { UseCaseContext } from '../use-case.js';
import { badRequest } from '../../platform/http/errors.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';
import { snoozeUntil, type SnoozeOption } from './snooze-times.js';
import { workspaceTimezone } from './conversations.repo.js';

/** Snooze until the customer replies, tomorrow, next week or a chosen time; a job wakes it (see wake-conversation). */
export async function snoozeConversation(ctx: UseCaseContext, id: number, option: SnoozeOption) {
  const now = ctx.clock.now();
  if (option.kind === 'until' && option.until.getTime() <= now.getTime()) throw badRequest('until must be in the future', [{ field: 'until', message: 'must be in the future' }]);
  const until = snoozeUntil(option, now, await workspaceTimezone(ctx.db, ctx.actor.workspaceId));
  return changeConversation(ctx, id, 'conversation.update', (c) => ({
    patch: { status: assertTransition(c.status, 'snoozed'), snoozeMode: until ? 'until_time' : 'until_reply', snoozedUntil: until },
    type: 'conversation.snoozed',
    activity: { action: 'snoozed', option: option.kind, until: until?.toISOString() ?? null },
    payload: { until: until?.toISOString() ?? null },
  }));
}
