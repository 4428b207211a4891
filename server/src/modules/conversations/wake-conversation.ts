import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { lockConversation, updateConversation } from './conversations.repo.js';
import { recordConversationChange, routingStamps } from './change-conversation.js';

/**
 * The snooze job's use case: if the conversation is still snoozed until exactly this time, it wakes
 * up (open for its assignee, else back in the queue). A stale job (re-snoozed, closed, woken by a
 * reply) does nothing, so duplicates and retries are harmless.
 */
export async function wakeConversation(ctx: AppContext, input: { workspaceId: number; conversationId: number; until: string }): Promise<boolean> {
  return inTransaction(ctx, async (tx, emit) => {
    const c = await lockConversation(tx, input.workspaceId, input.conversationId);
    if (!c || c.status !== 'snoozed' || c.snoozedUntil?.toISOString() !== input.until) return false;
    const now = ctx.clock.now();
    const status = c.botActive ? 'bot' : c.assigneeId ? 'open' : 'queued';
    const patch = { status, snoozeMode: null, snoozedUntil: null } as const;
    const after = await updateConversation(tx, c.id, { ...patch, ...routingStamps(c, patch, now), lastActivityAt: now });
    await recordConversationChange(tx, emit, { before: c, after, type: 'conversation.woken', activity: { action: 'woken' }, actor: { type: 'system' }, at: now });
    return true;
  });
}
