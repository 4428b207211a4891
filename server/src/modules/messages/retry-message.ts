import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { attachmentsOf, copyAttachments, findMessage, updateMessageMeta } from './messages.repo.js';
import { messageDto } from './messages.dto.js';
import { lockConversationForReply, storeReply } from './send-message.js';

/**
 * Resends a failed reply as a new queued reply with the same text and files, through the same path as
 * any reply (so it may take the conversation or pause the bot, like sending it by hand). The failed
 * message stays `failed` in the timeline and points to its retry in `meta.retriedBy`; the new one
 * points back in `meta.retryOf`. The conversation's row lock serialises two clicks on Retry: the second gets 409.
 */
export async function retryMessage(ctx: UseCaseContext, messageId: number) {
  const { actor } = ctx;
  const found = await findMessage(ctx.db, actor.workspaceId, messageId);
  if (!found) throw notFound('Message');
  return inTransaction(ctx, async (tx, emit) => {
    const before = await lockConversationForReply(ctx, tx, found.conversationId);
    const failed = (await findMessage(tx, actor.workspaceId, messageId))!;
    if (failed.kind !== 'message' || failed.direction !== 'outbound' || failed.deletedAt) throw badRequest('Only replies can be retried');
    if (failed.deliveryStatus !== 'failed') throw conflict('Only a failed reply can be retried', { deliveryStatus: failed.deliveryStatus });
    if (failed.meta.retriedBy != null) throw conflict('This reply was already retried', { retriedBy: failed.meta.retriedBy });

    const { message, conversation } = await storeReply(ctx, tx, emit, before, {
      body: failed.body,
      meta: { ...sentContentOf(failed.meta), retryOf: failed.id },
      attach: (newId) => copyAttachments(tx, failed.id, newId),
    });
    const marked = await updateMessageMeta(tx, failed.id, { retriedBy: message.id });
    // The failed message's card drops its Retry button on this.
    emit(conversationEvent(conversation, 'message.updated', eventActor(actor), { message: messageDto(marked, await attachmentsOf(tx, [failed.id])) }));
    return message;
  });
}

/** What the provider is sent besides the text and files (a template, buttons): a retry sends the same. */
function sentContentOf(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(['template', 'buttons'].filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]]));
}
