import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { badRequest, forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { lockVisibleConversation } from '../conversations/change-conversation.js';
import { updateConversation } from '../conversations/conversations.repo.js';
import { existingMemberIds } from '../users/users.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { insertMentions } from '../conversations/conversation-mentions.repo.js';
import { insertMessage } from './messages.repo.js';
import { messageDto } from './messages.dto.js';

/**
 * A private note (seed 002): never sent to the customer. Mentioned teammates are in the event's
 * audience, so they are notified even when the conversation is not in their view.
 */
export async function addNote(ctx: UseCaseContext, conversationId: number, input: { body: string; mentions?: number[] }) {
  const body = input.body.trim();
  if (!body) throw badRequest('A note needs text', [{ field: 'body', message: 'required' }]);
  const wanted = [...new Set(input.mentions ?? [])];
  const mentions = await existingMemberIds(ctx.db, ctx.actor.workspaceId, wanted, { activeOnly: true });
  if (mentions.length !== wanted.length) throw badRequest('Mentions must be members of this workspace', [{ field: 'mentions', message: 'unknown user' }]);
  return inTransaction(ctx, async (tx, emit) => {
    const c = await lockVisibleConversation(ctx, tx, conversationId);
    if (!can(ctx.actor, 'conversation.note', c)) throw forbidden();
    const now = ctx.clock.now();
    const actor = eventActor(ctx.actor);
    const note = await insertMessage(tx, {
      workspaceId: c.workspaceId, conversationId: c.id, channelId: c.channelId, kind: 'note',
      senderType: actor.type === 'user' ? 'user' : 'api', senderId: actor.id ?? null, body, meta: { mentions }, createdAt: now,
    });
    // Recorded with the note so the side bar counts unseen mentions; mentioning yourself is not a mention.
    await insertMentions(tx, mentions.filter((u) => u !== ctx.actor.userId).map((userId) => ({
      workspaceId: c.workspaceId, conversationId: c.id, userId, messageId: note.id, createdAt: now,
    })));
    const after = await updateConversation(tx, c.id, { lastActivityAt: now });
    const dto = messageDto(note);
    emit({ ...conversationEvent(after, 'message.created', actor, { message: dto }), audience: mentions });
    return dto;
  });
}
