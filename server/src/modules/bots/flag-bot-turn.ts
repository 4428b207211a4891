import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { findTurn, findTurnView, updateTurn } from './bots.repo.js';
import { toTurnDto } from './turn-dto.js';
import { assertCanReview } from './review-access.js';

/**
 * A supervisor marks one of the bot's answers wrong, with a note of what it should have said (seed 000), or takes the
 * mark back (note null). The flagged list is what the matrix is improved from.
 */
export async function flagBotTurn(ctx: UseCaseContext, turnId: number, note: string | null) {
  assertCanReview(ctx);
  const { actor } = ctx;
  return inTransaction(ctx, async (tx, emit) => {
    const turn = await findTurn(tx, actor.workspaceId, turnId);
    if (!turn) throw notFound('Bot answer');
    const now = ctx.clock.now();
    await updateTurn(tx, turn.id, note === null
      ? { flagged: false, flagNote: null, flaggedBy: null, flaggedAt: null }
      : { flagged: true, flagNote: note, flaggedBy: actor.userId, flaggedAt: now });
    const dto = toTurnDto((await findTurnView(tx, actor.workspaceId, turn.id))!);
    emit({ workspaceId: actor.workspaceId, type: note === null ? 'bot.turn_unflagged' : 'bot.turn_flagged', conversationId: turn.conversationId, actor: eventActor(actor), payload: { turn: dto } });
    return dto;
  });
}
