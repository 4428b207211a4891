import type { AppContext } from '../../platform/context.js';
import { BotUnavailableError, type BotDecision, type BotIntent, type BotTurn, type BuiltinBotState } from './bot-engine.js';
import { readBotSettings } from './bot-settings.js';
import { decideBuiltin } from './builtin/builtin-bot.js';
import { askDialogflow } from './remote/dialogflow.js';
import { askLlm } from './remote/llm.js';
import { deliverToWebhookBot } from './remote/webhook-bot.js';
import type { BotRow } from './bots.repo.js';

export interface LoadedBot {
  row: BotRow;
  secrets: Record<string, string>;
  intents: BotIntent[];
}

/**
 * The bot's decision for one turn, by kind. A remote bot that fails (network, time-out, an error answer, nonsense)
 * hands the conversation to people with the bot's hand-off message: the customer is never left unanswered.
 */
export async function decideTurn(ctx: AppContext, bot: LoadedBot, turn: BotTurn, state: BuiltinBotState, inboundMessageId: number): Promise<BotDecision> {
  const decision = await decideByKind(ctx, bot, turn, state, inboundMessageId);
  // A remote bot that hands off in silence: the customer still hears that people will take over.
  if (bot.row.kind !== 'builtin' && decision.handoff && decision.replies.length === 0) return { ...decision, replies: handoffReplies(bot.row) };
  return decision;
}

async function decideByKind(ctx: AppContext, bot: LoadedBot, turn: BotTurn, state: BuiltinBotState, inboundMessageId: number): Promise<BotDecision> {
  const { row, secrets, intents } = bot;
  const opts = { timeoutMs: ctx.config.BOT_TIMEOUT_MS };
  try {
    switch (row.kind) {
      case 'builtin':
        return decideBuiltin(readBotSettings('builtin', row.settings), intents, turn, state);
      case 'dialogflow': {
        const s = readBotSettings('dialogflow', row.settings);
        return await askDialogflow({ ...s, baseUrl: s.baseUrl ?? ctx.config.DIALOGFLOW_API_URL, accessToken: secrets.accessToken ?? '' }, turn, opts);
      }
      case 'llm': {
        const s = readBotSettings('llm', row.settings);
        return await askLlm({ ...s, apiKey: secrets.apiKey ?? '', matrix: intents }, turn, opts);
      }
      case 'webhook': {
        const s = readBotSettings('webhook', row.settings);
        await deliverToWebhookBot({ url: s.url, secret: secrets.signingSecret ?? '' }, {
          type: 'message',
          id: `message-${inboundMessageId}`,
          workspaceId: row.workspaceId,
          conversationId: turn.conversationId,
          contact: turn.contact,
          message: { id: inboundMessageId, text: turn.text, ...(turn.payload ? { payload: turn.payload } : {}) },
          first: turn.first,
          sentAt: ctx.clock.now().toISOString(),
        }, opts);
        return { replies: [], outcome: 'delegated' };
      }
    }
  } catch (err) {
    if (!(err instanceof BotUnavailableError)) throw err;
    ctx.log.warn({ botId: row.id, kind: row.kind, status: err.status, reason: err.message }, 'bot unavailable; handing off');
    return failedBot(row, err.message);
  }
}

/** The hand-off of a bot that could not answer. */
export function failedBot(row: BotRow, note: string): BotDecision {
  return { replies: handoffReplies(row), outcome: 'error', handoff: { reason: 'bot_error', note } };
}

function handoffReplies(row: BotRow) {
  const { handoffMessage } = readBotSettings(row.kind, row.settings);
  return handoffMessage ? [{ text: handoffMessage }] : [];
}
