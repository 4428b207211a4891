import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import type { Visitor } from './widget-visitor.js';
import { findVisitorContactId, findVisitorConversation, upsertRating } from './widget.repo.js';

/** The visitor's own conversation on this channel, locked; any other answers 404 (whose it is stays unsaid). */
export async function lockVisitorConversation(tx: Db, visitor: Visitor, conversationId: number) {
  const contactId = await findVisitorContactId(tx, visitor.channel.id, visitor.claims.visitorId);
  const c = contactId === null ? undefined : await findVisitorConversation(tx, visitor.channel.id, contactId, conversationId, { forUpdate: true });
  if (!c) throw notFound('Conversation');
  return c;
}

/**
 * CSAT (seed 002: the survey reaches the widget when the conversation is resolved): 1–5 and a comment, once the
 * conversation is closed. A second rating replaces the first. Who served the customer is copied, so reports
 * credit them even after a later transfer; `conversation.rated` tells the team.
 */
export async function rateConversation(ctx: AppContext, visitor: Visitor, conversationId: number, input: { score: number; comment?: string }) {
  return inTransaction(ctx, async (tx, emit) => {
    const c = await lockVisitorConversation(tx, visitor, conversationId);
    if (c.status !== 'closed') throw conflict('The conversation is still open: it can be rated once it is closed');
    const saved = await upsertRating(tx, {
      conversationId: c.id,
      workspaceId: c.workspaceId,
      score: input.score,
      comment: input.comment?.trim() || null,
      assigneeId: c.assigneeId,
      teamId: c.teamId,
      createdAt: ctx.clock.now(),
    });
    emit(conversationEvent(c, 'conversation.rated', { type: 'contact', id: c.contactId }, { rating: { score: saved.score, comment: saved.comment } }));
    return { conversationId: c.id, score: saved.score, comment: saved.comment };
  });
}
