import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { AppError, ErrorCode, badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { atLeast, can } from '../auth/permissions.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { lockVisibleConversation, recordConversationChange } from '../conversations/change-conversation.js';
import { updateConversation, type ConversationRow } from '../conversations/conversations.repo.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { claimAttachments, insertMessage, type AttachmentRow, type MessageRow } from './messages.repo.js';
import { messageDto, type MessageDto } from './messages.dto.js';
import { assertReplyWindowOpen, templateReply, type TemplateInput } from './reply-content.js';

export interface SendMessageInput {
  body: string;
  attachmentIds?: number[];
  /** A reply made from one of the channel's approved templates (the only kind allowed outside its reply window). */
  template?: TemplateInput;
  /** Buttons to tap under the text (meta.buttons), on channels that show them; their ids come back as the tap's payload. */
  buttons?: Array<{ id: string; title: string }>;
}

/**
 * An agent's (or integration's) reply. It is stored as `queued` and the outbound subscriber hands it
 * to the job queue after commit; the channel adapter sends it with retries. A user replying to an
 * unassigned conversation takes it (where only the assignee replies, they take it first), and a reply pauses the bot.
 */
export async function sendMessage(ctx: UseCaseContext, conversationId: number, input: SendMessageInput) {
  const body = input.body.trim();
  const fileIds = [...new Set(input.attachmentIds ?? [])];
  if (input.template && (body || fileIds.length)) throw badRequest('A template reply carries no other text or files', [{ field: 'body', message: 'must be empty with a template' }]);
  if (!input.template && !body && fileIds.length === 0) throw badRequest('A message needs text or an attachment', [{ field: 'body', message: 'required' }]);
  return inTransaction(ctx, async (tx, emit) => {
    const before = await lockConversationForReply(ctx, tx, conversationId);
    const content = input.template ? await templateReply(tx, before, input.template) : { body, ...(input.buttons?.length ? { meta: { buttons: input.buttons } } : {}) };
    const { message } = await storeReply(ctx, tx, emit, before, {
      ...content,
      attach: async (messageId) => {
        const files = await claimAttachments(tx, before.workspaceId, fileIds, messageId);
        if (files.length !== fileIds.length) throw badRequest('Unknown or already sent attachment', [{ field: 'attachmentIds', message: 'upload the file first' }]);
        return files;
      },
    });
    return message;
  });
}

/**
 * Locks the conversation a reply goes to: in the actor's view (else 404), the actor may reply (403), not closed
 * (409), and where only the assignee replies, the actor holds it (403 `not_assignee`).
 */
export async function lockConversationForReply(ctx: UseCaseContext, tx: Db, conversationId: number): Promise<ConversationRow> {
  const before = await lockVisibleConversation(ctx, tx, conversationId);
  if (!can(ctx.actor, 'conversation.reply', before)) throw forbidden();
  if (before.status === 'closed') throw conflict('The conversation is closed; reopen it to reply');
  await assertOwnership(ctx, tx, before);
  return before;
}

/**
 * Ownership (a workspace setting, seeds 001 and 004): only the assignee answers the customer, so an agent takes an
 * unassigned conversation before replying instead of the reply taking it. Supervisors and up override; integrations
 * and the system are not agents and are not held to it.
 */
async function assertOwnership(ctx: UseCaseContext, tx: Db, c: ConversationRow) {
  const { actor } = ctx;
  if (actor.type !== 'user' || c.assigneeId === actor.userId || atLeast(actor, 'supervisor')) return;
  if (!(await findWorkspace(tx, c.workspaceId))?.onlyAssigneeReplies) return;
  const message = c.assigneeId === null ? 'Take the conversation first: only its assignee replies in this workspace' : 'Only the assignee replies to this conversation';
  throw new AppError(ErrorCode.NotAssignee, 403, message, { assigneeId: c.assigneeId });
}

/** The queued outbound row of a reply; the outbound subscriber sends it after commit, on its `message.created`. */
export function insertQueuedReply(ctx: UseCaseContext, tx: Db, c: ConversationRow, reply: { body: string; meta?: Record<string, unknown> }, now: Date): Promise<MessageRow> {
  const actor = eventActor(ctx.actor);
  return insertMessage(tx, {
    workspaceId: c.workspaceId,
    conversationId: c.id,
    channelId: c.channelId,
    kind: 'message',
    direction: 'outbound',
    senderType: actor.type === 'contact' || actor.type === 'workflow' ? 'system' : actor.type,
    senderId: actor.type === 'workflow' ? null : actor.id ?? null,
    body: reply.body,
    ...(reply.meta ? { meta: reply.meta } : {}),
    deliveryStatus: 'queued',
    createdAt: now,
  });
}

/**
 * Whether this reply pauses the bot: the bot's and workflows' messages never do; an agent's do where the workspace says so
 * (seed 000: agents re-hook the bot when they are done); an integration's always do.
 */
async function replyPausesBot(ctx: UseCaseContext, tx: Db, c: ConversationRow): Promise<boolean> {
  // A workflow that means to pause the bot has its own step for it.
  if (!c.botActive || ctx.actor.botId || ctx.actor.workflowId) return false;
  if (ctx.actor.type !== 'user') return true;
  return (await findWorkspace(tx, c.workspaceId))?.agentReplyPausesBot ?? true;
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
  if (!reply.meta?.template) await assertReplyWindowOpen(tx, before, now);
  const me = ctx.actor.userId;
  const pausesBot = await replyPausesBot(ctx, tx, before);
  const takes = me !== null && before.assigneeId === null && (!before.botActive || pausesBot);
  const status = takes || (pausesBot && before.status === 'bot') ? 'open' : before.status;
  const message = await insertQueuedReply(ctx, tx, before, reply, now);
  const files = await reply.attach(message.id);
  const after = await updateConversation(tx, before.id, {
    status,
    assigneeId: takes ? me : before.assigneeId,
    botActive: before.botActive && !pausesBot,
    lastActivityAt: now,
    lastMessagePreview: preview(reply.body || files[0]?.filename || ''),
    unreadCount: 0,
    ...(before.firstReplyAt === null && actor.type === 'user' ? { firstReplyAt: now } : {}),
    ...(takes ? { assignedAt: now } : {}),
  });
  if (takes || pausesBot) {
    const activity = takes ? { action: 'taken', userId: me, previousAssigneeId: null } : { action: 'bot_paused' };
    await recordConversationChange(tx, emit, { before, after, type: takes ? 'conversation.taken' : 'conversation.bot_paused', activity, actor, at: now });
  }
  const dto = messageDto(message, files);
  emit(conversationEvent(after, 'message.created', actor, { message: dto }));
  return { message: dto, conversation: after };
}
