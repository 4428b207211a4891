/**
 * The files of a stored email, put in our storage right away: the poller already holds their bytes, so there is
 * no link to fetch later (fetch-inbound-media.job.ts does that for providers that send links). Files already
 * stored (a re-processed message after a crash) are skipped; a file over the upload limit is recorded on the
 * message (meta.mediaFailures, as the media job does) instead of stored.
 */
import type { AppContext } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/events/transaction.js';
import { TooLargeError } from '../../../platform/storage/storage.js';
import { findConversationsByIds } from '../../conversations/conversations.repo.js';
import { conversationEvent } from '../../conversations/conversation-events.js';
import { attachmentsOf, findMessage, insertAttachment, updateMessageMeta } from '../../messages/messages.repo.js';
import { messageDto } from '../../messages/messages.dto.js';
import type { EmailFile } from './email-parse.js';

export async function storeEmailFiles(ctx: AppContext, workspaceId: number, messageId: number, files: EmailFile[], extraFailures: Array<{ url: string; reason: string }> = []) {
  if (files.length === 0 && extraFailures.length === 0) return;
  const message = await findMessage(ctx.db, workspaceId, messageId);
  // A copy of one of our own replies (same Message-ID) is never given the customer's files.
  if (!message || message.direction !== 'inbound') return;
  const done = await attachmentsOf(ctx.db, [messageId]);
  const failures = [...extraFailures];
  let stored = 0;
  for (const [index, file] of files.entries()) {
    if (done.some((a) => a.filename === file.filename && a.size === file.content.length)) continue;
    try {
      const put = await ctx.storage.put(workspaceId, `m${messageId}-${index}-${file.filename}`, file.content, ctx.config.UPLOAD_LIMIT_BYTES);
      await insertAttachment(ctx.db, { workspaceId, messageId, storageKey: put.key, filename: file.filename, contentType: file.contentType, size: put.size });
      stored++;
    } catch (err) {
      if (!(err instanceof TooLargeError)) throw err;
      failures.push({ url: file.filename, reason: `${file.filename}: ${err.message}` });
    }
  }
  const known = new Set(((message.meta.mediaFailures ?? []) as Array<{ reason: string }>).map((f) => f.reason));
  const newFailures = failures.filter((f) => !known.has(f.reason));
  if (stored === 0 && newFailures.length === 0) return;
  await inTransaction(ctx, async (tx, emit) => {
    const updated = newFailures.length ? await updateMessageMeta(tx, messageId, { mediaFailures: [...((message.meta.mediaFailures ?? []) as unknown[]), ...newFailures] }) : message;
    const [c] = await findConversationsByIds(tx, workspaceId, [message.conversationId]);
    emit(conversationEvent(c, 'message.updated', { type: 'system' }, { message: messageDto(updated, await attachmentsOf(tx, [messageId])) }));
  });
}
