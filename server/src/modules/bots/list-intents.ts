import type { UseCaseContext } from '../use-case.js';
import { listIntents as listIntentRows } from './bots.repo.js';
import { toIntentDto } from './intent-dto.js';
import { loadMatrixBot } from './load-bot.js';

/** The matrix in order; also its export (PUT …/intents takes this answer back as it is). */
export async function listIntents(ctx: UseCaseContext, botId: number) {
  const bot = await loadMatrixBot(ctx, botId, 'bot.review');
  return { items: (await listIntentRows(ctx.db, bot.id)).map(toIntentDto) };
}
