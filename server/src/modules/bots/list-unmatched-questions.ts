import type { UseCaseContext } from '../use-case.js';
import { unmatchedQuestions } from './bots.repo.js';
import { assertCanReview } from './review-access.js';

const DAY = 86_400_000;

/** What customers asked that the bot could not answer, grouped by meaning (accents, case, plurals), most frequent first. */
export async function listUnmatchedQuestions(ctx: UseCaseContext, q: { days: number; limit: number }) {
  assertCanReview(ctx);
  const since = new Date(ctx.clock.now().getTime() - q.days * DAY);
  const rows = await unmatchedQuestions(ctx.db, ctx.actor.workspaceId, since, q.limit);
  return { items: rows.map((r) => ({ example: r.example, count: r.count, lastAskedAt: r.lastAskedAt.toISOString() })) };
}
