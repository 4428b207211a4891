import type { AppContext } from '../../platform/context.js';
import type { AnswerInput } from './answer-as-bot.js';
import { botWroteAfter, findAnswerScope } from './answer-scope.repo.js';
import { findTurnOf } from './bots.repo.js';
import { failedBot } from './decide-turn.js';
import { applyBotDecision } from './apply-bot-decision.js';

/**
 * An external bot that took a customer's message and said nothing within its time hands the conversation to
 * people, with its hand-off message: silence is a failure like any other. Nothing happens if it answered, or if
 * the conversation left the bot meanwhile.
 */
export async function expireDelegatedTurn(ctx: AppContext, input: AnswerInput): Promise<boolean> {
  const scope = await findAnswerScope(ctx.db, input.workspaceId, input.conversationId, input.inboundMessageId);
  const c = scope?.conversation;
  if (!scope?.bot || !c?.botActive || c.status !== 'bot') return false;
  if ((await findTurnOf(ctx.db, input.inboundMessageId))?.outcome !== 'delegated') return false;
  if (await botWroteAfter(ctx.db, c.id, input.inboundMessageId)) return false;
  const decision = failedBot(scope.bot, 'the external bot did not answer in time');
  return applyBotDecision(ctx, scope, scope.bot, { text: scope.inbound.body }, decision);
}
