import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { lockVisibleConversation, recordConversationChange } from '../conversations/change-conversation.js';
import { updateConversation } from '../conversations/conversations.repo.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { claimAttachments, insertMessage } from './messages.repo.js';
import { messageDto } from './messages.dto.js';

export interface SendMessageInput {
  body: string;
  attachmentIds?: number[];
}

/**
 * An agent's (or integration's) reply. It is stored as `queued` and the outbound subscriber hands it
 * to the job queue after commit; the channel adapter sends it with retries. A user replying to an
 * unassigned conversation takes it, and a reply pauses the bot.
 */
export async function sendMessage(ctx: UseCaseContext, conversationId: number, input: SendMessageInput) {
  const body = input.body.trim();
  const fileIds = [...new Set(input.attachmentIds ?? [])];
  if (!body && fileIds.length === 0) throw badRequest('A message needs text or an attachment', [{ field: 'body', message: 'required' }]);
  const actor = eventActor(ctx.actor);
  return inTransaction(ctx, async (tx, emit) => {
    const before = await lockVisibleConversation(ctx, tx, conversationId);
    if (!can(ctx.actor, 'conversation.reply', before)) throw forbidden();
    if (before.status === 'closed') throw conflict('The conversation is closed; reopen it to reply');
    const now = ctx.clock.now();
    const me = ctx.actor.userId;
    const takes = me !== null && before.assigneeId === null;
    const status = takes || before.status === 'bot' ? 'open' : before.status;
    const message = await insertMessage(tx, {
      workspaceId: before.workspaceId,
      conversationId: before.id,
      channelId: before.channelId,
      kind: 'message',
      direction: 'outbound',
      senderType: actor.type === 'user' ? 'user' : 'api',
      senderId: actor.id ?? null,
      body,
      deliveryStatus: 'queued',
      createdAt: now,
    });
    const files = await claimAttachments(tx, before.workspaceId, fileIds, message.id);
    if (files.length !== fileIds.length) throw badRequest('Unknown or already sent attachment', [{ field: 'attachmentIds', message: 'upload the file first' }]);
    const after = await updateConversation(tx, before.id, {
      status,
      assigneeId: takes ? me : before.assigneeId,
      botActive: false,
      lastActivityAt: now,
      lastMessagePreview: preview(body || files[0].filename),
      unreadCount: 0,
      ...(before.firstReplyAt === null && actor.type === 'user' ? { firstReplyAt: now } : {}),
    });
    if (takes || before.botActive) {
      const activity = takes ? { action: 'taken', userId: me, previousAssigneeId: null } : { action: 'bot_paused' };
      await recordConversationChange(tx, emit, { before, after, type: takes ? 'conversation.taken' : 'conversation.bot_paused', activity, actor, at: now });
    }
    const dto = messageDto(message, files);
    emit(conversationEvent(after, 'message.created', actor, { message: dto }));
    return dto;
  });
}
