import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import { wakeConversation } from './wake-conversation.js';

export const WAKE_CONVERSATION = 'conversation.wake';

type Data = { workspaceId: number; conversationId: number; until: string };

export const wakeConversationJob: JobDefinition<Data, AppContext> = {
  name: WAKE_CONVERSATION,
  options: { retryLimit: 10, retryDelay: 5, retryBackoff: true },
  async handle(ctx, data) {
    await wakeConversation(ctx, data);
  },
};

/** A snooze with a time schedules its wake-up job once it has committed. */
export const snoozeSubscriber: Subscriber = {
  name: 'conversations.snooze',
  accepts: (e) => e.type === 'conversation.snoozed' && typeof (e.payload as { until?: unknown }).until === 'string',
  async handle(ctx, events) {
    for (const e of events) {
      const until = (e.payload as { until: string }).until;
      const data = { workspaceId: e.workspaceId, conversationId: e.conversationId!, until };
      await ctx.queue.send(WAKE_CONVERSATION, data, { key: `${e.conversationId}:${until}`, startAfter: new Date(until) });
    }
  },
};
