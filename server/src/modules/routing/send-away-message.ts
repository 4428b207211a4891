import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { systemActor } from '../auth/permissions.js';
import { withActor } from '../use-case.js';
import { updateConversation } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { messageDto, type MessageDto } from '../messages/messages.dto.js';
import { insertQueuedReply } from '../messages/send-message.js';
import { closingMessageBlocker } from '../messages/send-closing-message.js';
import { isOpen, nextOpeningOfAll, openFor } from './business-hours.js';
import { awayReplyExists, findAwayMessageScope, type AwayMessageScope } from './away-message.repo.js';

export interface AwayMessageInput {
  workspaceId: number;
  conversationId: number;
  /** The customer's message being answered. */
  inboundMessageId: number;
  /** When it arrived: the hours are read at that instant, not when the subscriber gets to it. */
  receivedAt: Date;
}

/** The away message due for a customer message received at `at`, read at `now`; null when none is. */
function awayMessageDue({ conversation: c, channel, teamHours }: AwayMessageScope, at: Date, now: Date): string | null {
  if (c.status !== 'queued' && c.status !== 'open') return null; // the bot answers its own conversations
  const hours = [channel.businessHours, teamHours];
  if (openFor(at, ...hours)) return null;
  // Read after the closed period it arrived in had ended (a backlog, or a subscriber started on an old log): too late to say so.
  const opens = nextOpeningOfAll(at, ...hours);
  if (opens && opens <= now) return null;
  // Once per closed period: an away message sent after the last opening already told this customer.
  if (c.awayMessageAt) {
    const reopened = nextOpeningOfAll(c.awayMessageAt, ...hours);
    if (!reopened || reopened > at) return null;
  }
  const candidates = [!isOpen(channel.businessHours, at) && channel.businessHours?.awayMessage, !isOpen(teamHours, at) && teamHours?.awayMessage];
  const body = candidates.map((text) => (text || '').trim()).find(Boolean);
  if (!body || closingMessageBlocker(channel, c, now)) return null;
  return body;
}

/**
 * Answers a customer who writes while the conversation's channel or team is closed with the away message (the
 * channel's when the channel is closed, else the team's), once per closed period, from the system: queued through
 * the normal outbound path, leaving the conversation as it was (no assignee, the bot untouched, still unread) apart
 * from `awayMessageAt`. Returns the message, or null when none is due. Safe to repeat: a second run for the same
 * customer message finds the first one's reply (`meta.awayFor`).
 */
export async function sendAwayMessage(ctx: AppContext, input: AwayMessageInput): Promise<MessageDto | null> {
  const { workspaceId, conversationId, inboundMessageId, receivedAt } = input;
  // Most messages arrive while open or where no hours are set: decided without a transaction.
  const first = await findAwayMessageScope(ctx.db, workspaceId, conversationId);
  if (!first || !awayMessageDue(first, receivedAt, ctx.clock.now())) return null;

  const system = withActor(ctx, systemActor(workspaceId));
  return inTransaction(system, async (tx, emit) => {
    const scope = await findAwayMessageScope(tx, workspaceId, conversationId, { forUpdate: true });
    const now = ctx.clock.now();
    const body = scope && awayMessageDue(scope, receivedAt, now);
    if (!body || (await awayReplyExists(tx, conversationId, inboundMessageId))) return null;

    const message = await insertQueuedReply(system, tx, scope.conversation, { body, meta: { awayFor: inboundMessageId } }, now);
    // The preview keeps the customer's words: the queue should show what they asked, not our away message.
    const after = await updateConversation(tx, conversationId, { awayMessageAt: now });
    const dto = messageDto(message);
    emit(conversationEvent(after, 'message.created', { type: 'system' }, { message: dto }));
    return dto;
  });
}
