import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteIntents, findIntent } from './bots.repo.js';
import { intentsChangedEvent } from './bot-events.js';
import { loadMatrixBot } from './load-bot.js';

/** Past turns keep the intent's name (bot_turns.intent_id is set null). */
export async function deleteIntent(ctx: UseCaseContext, botId: number, intentId: number) {
  const bot = await loadMatrixBot(ctx, botId, 'bot.manage');
  const intent = await findIntent(ctx.db, bot.id, intentId);
  if (!intent) throw notFound('Intent');
  await inTransaction(ctx, async (tx, emit) => {
    await deleteIntents(tx, bot.id, [intent.id]);
    emit(await intentsChangedEvent(tx, ctx.actor, bot.id));
  });
  return { id: intent.id, deleted: true as const };
}
