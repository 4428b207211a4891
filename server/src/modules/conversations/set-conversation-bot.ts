import type { UseCaseContext } from '../use-case.js';
import { conflict } from '../../platform/http/errors.js';
import { assertTransition } from './conversation-status.js';
import { changeConversation } from './change-conversation.js';

/**
 * Pause the bot (hand the conversation to the team's queue, or keep it with its assignee) or resume it
 * (seed 000's "enganchar el robot": the bot answers again and the conversation leaves the queues).
 */
export async function setConversationBot(ctx: UseCaseContext, id: number, active: boolean) {
  return changeConversation(ctx, id, 'conversation.update', (c) => {
    if (c.botActive === active) throw conflict(active ? 'The bot is already active' : 'The bot is already paused');
    const status = active ? (c.status === 'closed' ? 'closed' : assertTransition(c.status, 'bot')) : c.status === 'bot' ? (c.assigneeId ? 'open' : 'queued') : c.status;
    return {
      patch: { botActive: active, status },
      type: active ? 'conversation.bot_resumed' : 'conversation.bot_paused',
      activity: { action: active ? 'bot_resumed' : 'bot_paused' },
    };
  });
}
