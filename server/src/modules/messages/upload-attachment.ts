import type { Readable } from 'node:stream';
import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode, notFound } from '../../platform/http/errors.js';
import { TooLargeError } from '../../platform/storage/storage.js';
import { canSeeConversation } from '../auth/permissions.js';
import { findConversation } from '../conversations/conversations.repo.js';
import { findAttachment, findMessage, insertAttachment } from './messages.repo.js';
import { attachmentDto } from './messages.dto.js';

/** Stores a file for a reply about to be sent; sending the message binds it (see send-message). */
export async function uploadAttachment(ctx: UseCaseContext, file: { filename: string; contentType: string; stream: Readable }) {
  try {
    const stored = await ctx.storage.put(ctx.actor.workspaceId, file.filename, file.stream, ctx.config.UPLOAD_LIMIT_BYTES);
    const row = await insertAttachment(ctx.db, { workspaceId: ctx.actor.workspaceId, storageKey: stored.key, filename: file.filename.slice(0, 255), contentType: file.contentType, size: stored.size });
    return attachmentDto(row);
  } catch (err) {
    if (err instanceof TooLargeError) throw new AppError(ErrorCode.PayloadTooLarge, 413, `File larger than ${ctx.config.UPLOAD_LIMIT_BYTES} bytes`);
    throw err;
  }
}

/** An attachment to download: only when its conversation is visible to the actor (or not sent yet). */
export async function openAttachment(ctx: UseCaseContext, id: number) {
  const a = await findAttachment(ctx.db, ctx.actor.workspaceId, id);
  if (!a) throw notFound('Attachment');
  if (a.messageId !== null) {
    const m = await findMessage(ctx.db, ctx.actor.workspaceId, a.messageId);
    const c = m && (await findConversation(ctx.db, ctx.actor.workspaceId, m.conversationId));
    if (!c || !canSeeConversation(ctx.actor, c) || m.deletedAt) throw notFound('Attachment');
  }
  return { attachment: a, stream: ctx.storage.get(a.storageKey) };
}
