import type { AppContext } from '../../platform/context.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import type { EventRow } from '../../platform/events/event-types.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import { answerAsBot, type AnswerInput } from './answer-as-bot.js';
import { findAnswerScope } from './answer-scope.repo.js';
import { readBotSettings } from './bot-settings.js';
import { expireDelegatedTurn } from './expire-delegated-turn.js';

export const ANSWER_REMOTE = 'bots.answer-remote';
export const CHECK_DELEGATED = 'bots.check-delegated';

type Payload = { message?: { id: number; kind: string; direction: string | null }; conversation?: { status: string } };

/** A customer's message to a conversation the bot has. */
const customerWritesToBot = (e: EventRow) => {
  const { message, conversation } = e.payload as Payload;
  return e.type === 'message.created' && e.actorType === 'contact' && e.conversationId !== null
    && message?.kind === 'message' && message.direction === 'inbound' && conversation?.status === 'bot';
};

/**
 * The bot answers first (seed 000's Eva). The built-in bot answers here, in log order, in milliseconds; a remote bot
 * (webhook, Dialogflow, LLM) answers from a job, so a slow endpoint never holds up the event log's other subscribers.
 */
export const botsSubscriber: Subscriber = {
  name: 'bots.answer',
  accepts: customerWritesToBot,
  async handle(ctx, events) {
    for (const e of events) {
      const input: AnswerInput = { workspaceId: e.workspaceId, conversationId: e.conversationId!, inboundMessageId: (e.payload as Required<Payload>).message.id };
      const scope = await findAnswerScope(ctx.db, input.workspaceId, input.conversationId, input.inboundMessageId);
      if (scope?.bot && scope.bot.kind !== 'builtin') await ctx.queue.send(ANSWER_REMOTE, { ...input }, { key: `m${input.inboundMessageId}` });
      else await answerAsBot(ctx, input);
    }
  },
};

export const answerRemoteJob: JobDefinition<AnswerInput, AppContext> = {
  name: ANSWER_REMOTE,
  // A remote bot's failure is a hand-off, not a retry: only our own database errors come back here.
  options: { retryLimit: 5, retryDelay: 2, retryBackoff: true },
  concurrency: 4,
  async handle(ctx, data) {
    const result = await answerAsBot(ctx, data);
    if (result !== 'delegated') return;
    const scope = await findAnswerScope(ctx.db, data.workspaceId, data.conversationId, data.inboundMessageId);
    const seconds = scope?.bot?.kind === 'webhook' ? readBotSettings('webhook', scope.bot.settings).answerWithinSeconds : 0;
    if (seconds > 0) await ctx.queue.send(CHECK_DELEGATED, { ...data }, { key: `m${data.inboundMessageId}`, startAfter: new Date(ctx.clock.now().getTime() + seconds * 1000) });
  },
};

export const checkDelegatedJob: JobDefinition<AnswerInput, AppContext> = {
  name: CHECK_DELEGATED,
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
  async handle(ctx, data) {
    await expireDelegatedTurn(ctx, data);
  },
};
