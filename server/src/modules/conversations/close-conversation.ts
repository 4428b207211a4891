import type { UseCaseContext } from '../use-case.js';
import { badRequest } from '../../platform/http/errors.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';
import { closingCategoryExists } from './conversations.repo.js';

export interface CloseInput {
  /** The closing note (seeds 000 and 003): a category from the workspace's list and a summary. */
  category?: string;
  summary?: string;
}

export async function closeConversation(ctx: UseCaseContext, id: number, input: CloseInput) {
  if (input.category && !(await closingCategoryExists(ctx.db, ctx.actor.workspaceId, input.category))) {
    throw badRequest(`Unknown closing category "${input.category}"`, [{ field: 'category', message: 'not a closing category of this workspace' }]);
  }
  const now = ctx.clock.now();
  return changeConversation(ctx, id, 'conversation.update', (c) => ({
    patch: {
      status: assertTransition(c.status, 'closed'),
      closedAt: now,
      closedBy: ctx.actor.userId,
      closingCategory: input.category ?? null,
      closingSummary: input.summary?.trim() || null,
      snoozeMode: null,
      snoozedUntil: null,
      unreadCount: 0,
    },
    type: 'conversation.closed',
    activity: { action: 'closed', category: input.category ?? null, summary: input.summary?.trim() || null },
    payload: { category: input.category ?? null },
  }));
}
