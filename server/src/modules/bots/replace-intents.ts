import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteIntents, insertIntents } from './bots.repo.js';
import { intentsChangedEvent } from './bot-events.js';
import { toIntentDto } from './intent-dto.js';
import { assertOwnAttachments, intentValues } from './intent-input.js';
import { loadMatrixBot } from './load-bot.js';
import type { ReplaceIntentsInput } from './bots.schemas.js';

/** The import: the whole matrix at once, in the given order, or nothing (one transaction). */
export async function replaceIntents(ctx: UseCaseContext, botId: number, input: ReplaceIntentsInput) {
  const bot = await loadMatrixBot(ctx, botId, 'bot.manage');
  await assertOwnAttachments(ctx.db, bot.workspaceId, input.items.map((item, i) => ({ answer: item.answer, field: `body.items.${i}.answer.attachmentId` })));
  return inTransaction(ctx, async (tx, emit) => {
    await deleteIntents(tx, bot.id);
    const rows = await insertIntents(tx, input.items.map((item, position) => intentValues(bot, item, position)));
    emit(await intentsChangedEvent(tx, ctx.actor, bot.id));
    return { items: rows.sort((a, b) => a.position - b.position).map(toIntentDto) };
  });
}
