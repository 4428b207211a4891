import type { UseCaseContext } from '../use-case.js';
import type { Db } from '../../platform/db/db.js';
import type { Emit } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import type { ChannelRow } from '../channels/channels.repo.js';
import { adapterFor } from '../channels/registry.js';
import { updateConversation, type ConversationRow } from '../conversations/conversations.repo.js';
import { conversationEvent, preview } from '../conversations/conversation-events.js';
import { insertMessage } from './messages.repo.js';
import { messageDto } from './messages.dto.js';
import { replyWindowState } from './reply-window.js';
import { insertQueuedReply } from './send-message.js';

export type ClosingMessageBlocker = 'channel_unavailable' | 'reply_window_closed';

/** Why the channel cannot take a free-form message now (switched off, reply window closed), or null when it can. */
export function closingMessageBlocker(channel: ChannelRow | undefined, c: ConversationRow, now: Date): ClosingMessageBlocker | null {
  const adapter = channel?.active ? adapterFor(channel.type) : undefined;
  if (!adapter) return 'channel_unavailable';
  return replyWindowState(adapter.capabilities.replyWindow, c.lastInboundAt, now).open ? null : 'reply_window_closed';
}

/**
 * The workspace's closing message, sent as part of closing (in its transaction): queued through the normal
 * outbound path with the closing user as sender. Unlike a reply it leaves the conversation as closing left it
 * (status, assignee, bot) and is not a first reply. When the channel cannot send it, a timeline note says why.
 */
export async function sendClosingMessage(ctx: UseCaseContext, tx: Db, emit: Emit, c: ConversationRow, channel: ChannelRow | undefined, body: string): Promise<void> {
  const now = ctx.clock.now();
  const blocked = closingMessageBlocker(channel, c, now);
  if (blocked) {
    const note = await insertMessage(tx, {
      workspaceId: c.workspaceId,
      conversationId: c.id,
      channelId: c.channelId,
      kind: 'activity',
      senderType: 'system',
      senderId: null,
      meta: { action: 'closing_message_skipped', reason: blocked },
      createdAt: now,
    });
    emit(conversationEvent(c, 'message.created', { type: 'system' }, { message: messageDto(note) }));
    return;
  }
  const message = await insertQueuedReply(ctx, tx, c, { body, meta: { closingMessage: true } }, now);
  const after = await updateConversation(tx, c.id, { lastMessagePreview: preview(body) });
  emit(conversationEvent(after, 'message.created', eventActor(ctx.actor), { message: messageDto(message) }));
}
