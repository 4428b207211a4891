import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteBot as deleteBotRow } from './bots.repo.js';
import { loadBotDto } from './bot-dto.js';
import { botEvent } from './bot-events.js';
import { revokeBotTokens } from './bot-credentials.js';
import { loadBot } from './load-bot.js';

/** Its channels fall back to the workspace's first bot (channels.bot_id is set null by the key); its tokens stop working. */
export async function deleteBot(ctx: UseCaseContext, id: number) {
  const bot = await loadBot(ctx, id, 'bot.manage');
  await inTransaction(ctx, async (tx, emit) => {
    const dto = await loadBotDto(tx, bot);
    await revokeBotTokens(ctx, tx, emit, bot.id);
    await deleteBotRow(tx, bot.id);
    emit(botEvent(ctx.actor, 'bot.deleted', { botId: bot.id, bot: dto }));
  });
  return { id: bot.id, deleted: true as const };
}
