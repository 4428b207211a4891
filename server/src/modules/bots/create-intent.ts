import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { insertIntents, nextIntentPosition } from './bots.repo.js';
import { intentsChangedEvent } from './bot-events.js';
import { toIntentDto } from './intent-dto.js';
import { assertOwnAttachments, intentValues } from './intent-input.js';
import { loadMatrixBot } from './load-bot.js';
import type { IntentInput } from './bots.schemas.js';

/** Added at the end of the matrix. */
export async function createIntent(ctx: UseCaseContext, botId: number, input: IntentInput) {
  const bot = await loadMatrixBot(ctx, botId, 'bot.manage');
  await assertOwnAttachments(ctx.db, bot.workspaceId, [{ answer: input.answer, field: 'body.answer.attachmentId' }]);
  return inTransaction(ctx, async (tx, emit) => {
    const [row] = await insertIntents(tx, [intentValues(bot, input, await nextIntentPosition(tx, bot.id))]);
    emit(await intentsChangedEvent(tx, ctx.actor, bot.id));
    return toIntentDto(row);
  });
}
