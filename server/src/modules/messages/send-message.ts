import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { lockVisibleConversation, recordConversationChange } from '../conversations/change-conversation.js';
import { updateConversation, type ConversationRow } from '../conversations/conversations.repo.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { claimAttachments, insertMessage, type AttachmentRow } from './messages.repo.js';
import { messageDto, type MessageDto } from './messages.dto.js';

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
  return inTransaction(ctx, async (tx, emit) => {
    const before = await lockConversationForReply(ctx, tx, conversationId);
    const { message } = await storeReply(ctx, tx, emit, before, {
      body,
      attach: async (messageId) => {
        const files = await claimAttachments(tx, before.workspaceId, fileIds, messageId);
        if (files.length !== fileIds.length) throw badRequest('Unknown or already sent attachment', [{ field: 'attachmentIds', message: 'upload the file first' }]);
        return files;
      },
    });
    return message;
  });
}

/** Locks the conversation a reply goes to: in the actor's view (else 404), the actor may reply (403), not closed (409). */
export async function lockConversationForReply(ctx: UseCaseContext, tx: Db, conversationId: number): Promise<ConversationRow> {
  const before = await lockVisibleConversation(ctx, tx, conversationId);
  if (!can(ctx.actor, 'conversation.reply', before)) throw forbidden();
  if (before.status === 'closed') throw conflict('The conversation is closed; reopen it to reply');
  return before;
}

/**
 * The one path by which a reply is stored (a new reply, a retry of a failed one): the queued outbound
 * message, its files, the conversation's new state (taken by a user replying to it unassigned, bot
 * paused, read), the timeline entry of those changes and `message.created`, in the caller's transaction.
 */
export async function storeReply(
  ctx: UseCaseContext,
  tx: Db,
  emit: Emit,
  before: ConversationRow,
  reply: { body: string; meta?: Record<string, unknown>; attach: (messageId: number) => Promise<AttachmentRow[]> },
): Promise<{ message: MessageDto; conversation: ConversationRow }> {
  const actor = eventActor(ctx.actor);
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
    body: reply.body,
    ...(reply.meta ? { meta: reply.meta } : {}),
    deliveryStatus: 'queued',
    createdAt: now,
  });
  const files = await reply.attach(message.id);
  const after = await updateConversation(tx, before.id, {
    status,
    assigneeId: takes ? me : before.assigneeId,
    botActive: false,
    lastActivityAt: now,
    lastMessagePreview: preview(reply.body || files[0]?.filename || ''),
    unreadCount: 0,
    ...(before.firstReplyAt === null && actor.type === 'user' ? { firstReplyAt: now } : {}),
  });
  if (takes || before.botActive) {
    const activity = takes ? { action: 'taken', userId: me, previousAssigneeId: null } : { action: 'bot_paused' };
    await recordConversationChange(tx, emit, { before, after, type: takes ? 'conversation.taken' : 'conversation.bot_paused', activity, actor, at: now });
  }
  const dto = messageDto(message, files);
  emit(conversationEvent(after, 'message.created', actor, { message: dto }));
  return { message: dto, conversation: after };
}
