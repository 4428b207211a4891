import type { UseCaseContext } from '../use-case.js';
import { conflict } from '../../platform/http/errors.js';
import type { BotTurn } from './bot-engine.js';
import { readBotSettings } from './bot-settings.js';
import { decideBuiltin } from './builtin/builtin-bot.js';
import { listIntents } from './bots.repo.js';
import { toBotIntent } from './intent-dto.js';
import { loadBot } from './load-bot.js';
import type { TryBotInput } from './bots.schemas.js';

/**
 * A turn of a customer who already said hello and gave their name, email and phone, so the answer shows only what
 * the matrix does with the words (no greeting, no questions). Writes nothing.
 */
export async function tryBot(ctx: UseCaseContext, botId: number, input: TryBotInput) {
  const bot = await loadBot(ctx, botId, 'bot.manage');
  if (bot.kind !== 'builtin') throw conflict('Only the built-in bot can be tried here; a remote bot answers on a channel');
  const intents = (await listIntents(ctx.db, bot.id)).map(toBotIntent);
  const turn: BotTurn = {
    conversationId: 0,
    text: input.text,
    ...(input.payload && { payload: input.payload }),
    contact: { id: 0, name: 'Cliente de prueba', email: 'prueba@example.com', phone: '+584141234567' },
    history: [],
    first: false,
  };
  const decision = decideBuiltin(readBotSettings('builtin', bot.settings), intents, turn, { failures: 0 });
  return { replies: decision.replies, intent: decision.intent ?? null, outcome: decision.outcome, handoff: decision.handoff ?? null };
}
