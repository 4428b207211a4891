import type { ConversationListRow } from './conversations.repo.js';

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
    lastActivityAt: c.lastActivityAt.toISOString(),
    lastMessagePreview: c.lastMessagePreview,
    unreadCount: c.unreadCount,
    createdAt: c.createdAt.toISOString(),
  };
}
export type ConversationDto = ReturnType<typeof conversationDto>;
