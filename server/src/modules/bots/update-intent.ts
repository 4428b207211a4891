import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { findIntent, updateIntent as updateIntentRow } from './bots.repo.js';
import { intentsChangedEvent } from './bot-events.js';
import { toIntentDto } from './intent-dto.js';
import { assertOwnAttachments } from './intent-input.js';
import { loadMatrixBot } from './load-bot.js';
import type { UpdateIntentInput } from './bots.schemas.js';

export async function updateIntent(ctx: UseCaseContext, botId: number, intentId: number, input: UpdateIntentInput) {
  const bot = await loadMatrixBot(ctx, botId, 'bot.manage');
  const intent = await findIntent(ctx.db, bot.id, intentId);
  if (!intent) throw notFound('Intent');
  if (input.answer) await assertOwnAttachments(ctx.db, bot.workspaceId, [{ answer: input.answer, field: 'body.answer.attachmentId' }]);
  if (!Object.keys(input).length) return toIntentDto(intent);
  return inTransaction(ctx, async (tx, emit) => {
    const row = await updateIntentRow(tx, intent.id, input);
    emit(await intentsChangedEvent(tx, ctx.actor, bot.id));
    return toIntentDto(row);
  });
}
