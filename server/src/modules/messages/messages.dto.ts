import type { AttachmentRow, MessageRow } from './messages.repo.js';

export function attachmentDto(a: AttachmentRow) {
  return { id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, url: `/api/v1/attachments/${a.id}` };
}

/** A deleted message keeps its place in the timeline but loses its content. */
export function messageDto(m: MessageRow, files: AttachmentRow[] = []) {
  const deleted = m.deletedAt !== null;
  return {
    id: m.id,
    conversationId: m.conversationId,
    kind: m.kind,
    direction: m.direction,
    sender: { type: m.senderType, id: m.senderId },
    body: deleted ? '' : m.body,
    meta: deleted ? {} : m.meta,
    externalId: m.externalId,
    deliveryStatus: m.deliveryStatus,
    failureReason: m.failureReason,
    attachments: deleted ? [] : files.filter((f) => f.messageId === m.id).map(attachmentDto),
    deletedAt: m.deletedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}
export type MessageDto = ReturnType<typeof messageDto>;
