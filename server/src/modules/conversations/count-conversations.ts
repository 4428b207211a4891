import type { UseCaseContext } from '../use-case.js';
import { countConversations as countRows } from './conversations.repo.js';

/** The side bar's counts, under the actor's access level exactly as the list applies it. */
export async function countConversations(ctx: UseCaseContext) {
  return countRows(ctx.db, ctx.actor);
}
