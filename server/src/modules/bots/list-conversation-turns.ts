import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { canSeeConversation } from '../auth/permissions.js';
import { findConversation } from '../conversations/conversations.repo.js';
import { conversationTurns } from './bots.repo.js';
import { toTurnDto } from './turn-dto.js';
import { assertCanReview } from './review-access.js';

/** How the bot answered each message of one conversation, for reviewing it in context. */
export async function listConversationTurns(ctx: UseCaseContext, conversationId: number) {
  assertCanReview(ctx);
  const c = await findConversation(ctx.db, ctx.actor.workspaceId, conversationId);
  if (!c || !canSeeConversation(ctx.actor, c)) throw notFound('Conversation');
  return { items: (await conversationTurns(ctx.db, c.workspaceId, c.id)).map(toTurnDto), nextBefore: null };
}
