import type { EventRow } from '../../platform/events/event-types.js';
import { preview } from '../conversations/conversation-events.js';
import type { NotificationType } from '../users/notification-preferences.js';

/** A notification an event calls for, before preferences and membership are checked. */
export interface Intent {
  workspaceId: number;
  userId: number;
  type: NotificationType;
  conversationId: number;
  messageId: number | null;
  actorType: string;
  actorId: number | null;
  preview: string;
  sourceEventId: number;
}

type MessagePayload = {
  id: number;
  kind: string;
  direction: string | null;
  sender?: { type: string; id: number | null };
  body?: string;
  meta?: { mentions?: unknown };
  attachments?: Array<{ filename: string }>;
};
type Scope = { assigneeId?: number | null };

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The text a notification shows: the message, or the names of its files when it has no text. */
function messagePreview(m: MessagePayload): string {
  const text = preview(m.body ?? '');
  return text || preview((m.attachments ?? []).map((a) => a.filename).join(', '));
}

/**
 * Who should hear of this event, and why:
 * - a conversation given to someone (assigned, transferred, taken, or created already assigned) tells the
 *   new assignee, unless they did it themselves;
 * - a note mentioning teammates tells each of them, except its author;
 * - a customer message in an assigned conversation tells the assignee.
 */
export function intentsOf(e: EventRow): Intent[] {
  if (e.conversationId === null) return [];
  const base = { workspaceId: e.workspaceId, conversationId: e.conversationId, sourceEventId: e.id };
  const byUser = (userId: number) => e.actorType === 'user' && e.actorId === userId;
  const payload = e.payload as { message?: MessagePayload; previous?: Scope; conversation?: { lastMessagePreview?: string } };

  if (e.type === 'message.created') {
    const m = payload.message;
    if (!m) return [];
    if (m.kind === 'note' && Array.isArray(m.meta?.mentions)) {
      const mentioned = [...new Set(m.meta.mentions.filter(isId))];
      return mentioned
        .filter((userId) => !byUser(userId))
        .map((userId) => ({ ...base, userId, type: 'mentioned' as const, messageId: m.id, actorType: e.actorType, actorId: e.actorId, preview: messagePreview(m) }));
    }
    if (m.kind === 'message' && m.direction === 'inbound' && isId(e.assigneeId)) {
      const contact = m.sender?.type === 'contact' ? m.sender.id : null;
      return [{ ...base, userId: e.assigneeId, type: 'new_message', messageId: m.id, actorType: 'contact', actorId: contact ?? null, preview: messagePreview(m) }];
    }
    return [];
  }

  if (e.type.startsWith('conversation.') && isId(e.assigneeId)) {
    const prev = payload.previous;
    const before = prev && typeof prev === 'object' ? ('assigneeId' in prev ? prev.assigneeId : e.assigneeId) : e.type === 'conversation.created' ? null : e.assigneeId;
    if (before === e.assigneeId || byUser(e.assigneeId)) return [];
    return [{ ...base, userId: e.assigneeId, type: 'assigned', messageId: null, actorType: e.actorType, actorId: e.actorId, preview: preview(payload.conversation?.lastMessagePreview ?? '') }];
  }
  return [];
}
