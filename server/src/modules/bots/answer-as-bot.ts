import type { AppContext } from '../../platform/context.js';
import type { BotTurn } from './bot-engine.js';
import { conversationHistory, customerWroteBefore, findAnswerScope, type AnswerScope } from './answer-scope.repo.js';
import { findTurnOf, listIntents, type BotRow } from './bots.repo.js';
import { toBotIntent } from './intent-dto.js';
import { decideTurn, type LoadedBot } from './decide-turn.js';
import { applyBotDecision, type StoredBotState } from './apply-bot-decision.js';
import { handOffWithoutBot } from './hand-off.js';
import { runsWaitingFor } from '../workflows/engine/runs.repo.js';

export interface AnswerInput {
  workspaceId: number;
  conversationId: number;
  /** The customer's message being answered. */
  inboundMessageId: number;
}

export type AnswerResult = 'answered' | 'delegated' | 'skipped';

/** The bot with its secrets opened and, for the kinds that read one, its knowledge matrix. */
export async function botWithMatrix(ctx: AppContext, row: BotRow): Promise<LoadedBot> {
  const secrets = row.secretsCiphertext ? ctx.secrets.open<Record<string, string>>(row.secretsCiphertext) : {};
  const intents = row.kind === 'builtin' || row.kind === 'llm' ? (await listIntents(ctx.db, row.id)).map(toBotIntent) : [];
  return { row, secrets, intents };
}

/** The turn as the bot sees it; a number answering a numbered menu becomes that row's tap. */
async function turnOf(ctx: AppContext, scope: AnswerScope): Promise<BotTurn> {
  const { conversation: c, contact, inbound } = scope;
  const tap = (inbound.meta as { interactive?: { payload?: string } }).interactive;
  const menu = (c.botState as StoredBotState | null)?.menu;
  const picked = menu && /^\s*\d{1,2}\s*[.)]?\s*$/.test(inbound.body) ? menu[Number.parseInt(inbound.body, 10) - 1] : undefined;
  const payload = tap?.payload ?? picked?.id;
  return {
    conversationId: c.id,
    text: picked ? picked.title : inbound.body,
    ...(payload ? { payload } : {}),
    ...(contact.language ? { language: contact.language } : {}),
    contact: { id: contact.id, name: contact.name || null, email: contact.email, phone: contact.phone },
    history: await conversationHistory(ctx.db, c.id, inbound.id),
    first: !(await customerWroteBefore(ctx.db, c.id, inbound.id)),
  };
}

/**
 * The bot answers one customer message of a conversation it has (status `bot`): the built-in matrix, Dialogflow or an
 * LLM decide here and the answer is stored at once; an external webhook bot gets the turn and answers later through
 * the API. A channel whose bot was deleted hands its conversations to people. Safe to repeat for the same message.
 */
export async function answerAsBot(ctx: AppContext, input: AnswerInput): Promise<AnswerResult> {
  const scope = await findAnswerScope(ctx.db, input.workspaceId, input.conversationId, input.inboundMessageId);
  const c = scope?.conversation;
  if (!scope || !c || !c.botActive || c.status !== 'bot' || scope.inbound.direction !== 'inbound') return 'skipped';
  if (await findTurnOf(ctx.db, input.inboundMessageId)) return 'skipped';
  // A workflow asked the customer something: the answer is the workflow's, not a question for the bot.
  if ((await runsWaitingFor(ctx.db, c.id, 'answer')).length > 0) return 'skipped';
  if (!scope.bot || !scope.channel.botEnabled) {
    await handOffWithoutBot(ctx, scope, !scope.bot ? 'no bot is configured' : 'the channel\'s bot is off');
    return 'skipped';
  }
  const bot = await botWithMatrix(ctx, scope.bot);
  const turn = await turnOf(ctx, scope);
  const state = { failures: 0, ...((c.botState as StoredBotState | null) ?? {}) };
  const decision = await decideTurn(ctx, bot, turn, state, scope.inbound.id);
  const applied = await applyBotDecision(ctx, scope, bot.row, turn, decision);
  if (!applied) return 'skipped';
  return decision.outcome === 'delegated' ? 'delegated' : 'answered';
}
