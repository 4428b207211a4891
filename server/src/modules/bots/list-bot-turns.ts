import type { UseCaseContext } from '../use-case.js';
import { latestTurns } from './bots.repo.js';
import { toTurnDto } from './turn-dto.js';
import { assertCanReview } from './review-access.js';

/** The bot's answers, newest first: all of them, the flagged ones, or one outcome. */
export async function listBotTurns(ctx: UseCaseContext, q: { flagged?: boolean; outcome?: string; before?: number; limit: number }) {
  assertCanReview(ctx);
  const rows = await latestTurns(ctx.db, ctx.actor.workspaceId, { flagged: q.flagged, outcome: q.outcome, beforeId: q.before, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { items: page.map(toTurnDto), nextBefore: rows.length > q.limit ? page.at(-1)!.id : null };
}
