import type { ConversationListRow } from './conversations.repo.js';
import { adapterFor } from '../channels/registry.js';
import { replyWindowEndsAt } from '../messages/reply-window.js';

export function conversationDto(r: ConversationListRow) {
  const c = r.conversation;
  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    tags: c.tags,
    botActive: c.botActive,
    contact: r.contact,
    channel: r.channel,
    team: r.team?.id ? r.team : null,
    assignee: r.assignee?.id ? r.assignee : null,
    snooze: c.status === 'snoozed' ? { mode: c.snoozeMode, until: c.snoozedUntil?.toISOString() ?? null } : null,
    closingNote: c.closingCategory || c.closingSummary ? { category: c.closingCategory, summary: c.closingSummary } : null,
    closedAt: c.closedAt?.toISOString() ?? null,
    firstReplyAt: c.firstReplyAt?.toISOString() ?? null,
    lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    replyWindowEndsAt: replyWindowEndOf(r),
    lastActivityAt: c.lastActivityAt.toISOString(),
    lastMessagePreview: c.lastMessagePreview,
    unreadCount: c.unreadCount,
    queuedAt: c.queuedAt?.toISOString() ?? null,
    assignedAt: c.assignedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}
/** When free-form replies stop being accepted on the conversation's channel (null: the channel has no window). */
function replyWindowEndOf(r: ConversationListRow): string | null {
  const window = adapterFor(r.channel.type)?.capabilities.replyWindow;
  return (window && replyWindowEndsAt(window, r.conversation.lastInboundAt, r.conversation.createdAt)?.toISOString()) ?? null;
}

export type ConversationDto = ReturnType<typeof conversationDto>;
