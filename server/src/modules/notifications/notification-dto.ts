import type { NotificationView } from './notifications.repo.js';

const iso = (v: Date | string) => new Date(v).toISOString();

export function notificationDto(r: NotificationView) {
  return {
    id: r.id,
    type: r.type,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
    preview: r.preview,
    createdAt: iso(r.created_at),
    readAt: r.read_at === null ? null : iso(r.read_at),
  };
}
export type NotificationDto = ReturnType<typeof notificationDto>;
