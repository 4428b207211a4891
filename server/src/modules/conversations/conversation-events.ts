import type { ConversationRow } from './conversations.repo.js';
import type { EventActor, NewEvent } from '../../platform/events/event-types.js';

/** What a conversation event is made from. */
export type EventConversation = Pick<
  ConversationRow,
  'id' | 'workspaceId' | 'status' | 'assigneeId' | 'teamId' | 'priority' | 'tags' | 'botActive' | 'unreadCount' | 'lastActivityAt' | 'lastMessagePreview' | 'queuedAt' | 'assignedAt'
>;

/** What every conversation event carries so the hub can authorise it and clients can update their cards. */
export function conversationEvent(
  c: EventConversation,
  type: string,
  actor: EventActor,
  payload: Record<string, unknown> = {},
  previous?: Pick<ConversationRow, 'teamId' | 'assigneeId' | 'status'>,
): NewEvent {
  return {
    workspaceId: c.workspaceId,
    type,
    conversationId: c.id,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    actor,
    payload: {
      ...payload,
      conversation: {
        id: c.id,
        status: c.status,
        assigneeId: c.assigneeId,
        teamId: c.teamId,
        priority: c.priority,
        tags: c.tags,
        botActive: c.botActive,
        unreadCount: c.unreadCount,
        lastActivityAt: c.lastActivityAt.toISOString(),
        lastMessagePreview: c.lastMessagePreview,
        queuedAt: c.queuedAt?.toISOString() ?? null,
        assignedAt: c.assignedAt?.toISOString() ?? null,
      },
      ...(previous ? { previous: { teamId: previous.teamId, assigneeId: previous.assigneeId, status: previous.status } } : {}),
    },
  };
}

export const preview = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);
