import type { UseCaseContext } from '../use-case.js';
import { loadBotDto } from './bot-dto.js';
import { loadBot } from './load-bot.js';

export async function getBot(ctx: UseCaseContext, id: number) {
  return loadBotDto(ctx.db, await loadBot(ctx, id, 'bot.review'));
}
