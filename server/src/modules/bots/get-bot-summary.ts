import type { UseCaseContext } from '../use-case.js';
import { badRequest } from '../../platform/http/errors.js';
import { countBotResolutions, countTurns } from './bots.repo.js';
import { assertCanReview } from './review-access.js';

/** The bot's work in a range: what it answered, what it did not understand, its hand-offs by reason and its resolutions. */
export async function getBotSummary(ctx: UseCaseContext, q: { from: string; to: string }) {
  assertCanReview(ctx);
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (to <= from) throw badRequest('`to` must be after `from`', [{ field: 'querystring.to', message: 'after from' }]);
  const ws = ctx.actor.workspaceId;
  const [counts, resolvedByBot] = await Promise.all([countTurns(ctx.db, ws, from, to), countBotResolutions(ctx.db, ws, from, to)]);
  return {
    turns: counts.turns,
    answered: counts.answered,
    fallback: counts.fallback,
    handoffs: counts.handoffs,
    conversations: { withBot: counts.conversationsWithBot, handedOff: counts.handedOff, resolvedByBot },
    flagged: counts.flagged,
  };
}
