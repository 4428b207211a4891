import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/queue/queue.js';
import type { Subscriber } from '../../platform/events/dispatcher.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { TooLargeError } from '../../platform/storage/storage.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { attachmentsOf, findMessage, insertAttachment, updateMessageMeta } from './messages.repo.js';
import { messageDto } from './messages.dto.js';
import { loadChannelWithSecrets } from '../channels/load-channel.js';
import { adapterFor } from '../channels/registry.js';
import type { FetchedMedia } from '../channels/channel.js';

export const FETCH_INBOUND_MEDIA = 'media.fetch-inbound';

type Remote = { url?: string; ref?: string; filename?: string; contentType?: string };
type Data = { workspaceId: number; messageId: number };

/**
 * Copies the files an inbound message points at into our storage, so they outlive the provider's
 * short-lived links. Already copied files are skipped, so retries and duplicate jobs copy nothing twice;
 * a file that cannot be fetched (too large, gone) is recorded on the message instead of retried forever.
 */
export const fetchInboundMediaJob: JobDefinition<Data, AppContext> = {
  name: FETCH_INBOUND_MEDIA,
  concurrency: 2,
  options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  async handle(ctx, { workspaceId, messageId }, job) {
    const message = await findMessage(ctx.db, workspaceId, messageId);
    const remote = (message?.meta.remoteAttachments ?? []) as Remote[];
    if (!message || remote.length === 0) return;
    const done = await attachmentsOf(ctx.db, [messageId]);
    const failures: Array<{ url: string; reason: string }> = [];
    for (const [index, file] of remote.entries()) {
      // Storage keys are `<workspace>/<month>/<uuid>-<name>`, and the name begins `m<message>-<index>-`.
      if (done.some((a) => a.storageKey.includes(`-m${messageId}-${index}-`))) continue;
      try {
        const got = await download(ctx, message.channelId, file);
        const filename = file.filename ?? got.filename;
        const body = got.stream ?? Readable.from(got.buffer ?? Buffer.alloc(0));
        const stored = await ctx.storage.put(workspaceId, `m${messageId}-${index}-${filename}`, body, ctx.config.UPLOAD_LIMIT_BYTES);
        await insertAttachment(ctx.db, { workspaceId, messageId, storageKey: stored.key, filename, contentType: file.contentType ?? got.contentType, size: stored.size });
      } catch (err) {
        const permanent = err instanceof TooLargeError || /HTTP 4\d\d/.test((err as Error).message);
        if (!permanent && job.retryCount < job.retryLimit) throw err;
        failures.push({ url: file.url ?? file.ref ?? '', reason: (err as Error).message });
      }
    }
    await inTransaction(ctx, async (tx, emit) => {
      const updated = failures.length ? await updateMessageMeta(tx, messageId, { mediaFailures: failures }) : message;
      const [c] = await findConversationsByIds(tx, workspaceId, [message.conversationId]);
      emit(conversationEvent(c, 'message.updated', { type: 'system' }, { message: messageDto(updated, await attachmentsOf(tx, [messageId])) }));
    });
  },
};

/** A plain URL is fetched as is; a provider reference (Telegram file_id …) through the channel's adapter. */
async function download(ctx: AppContext, channelId: number, file: Remote): Promise<FetchedMedia> {
  if (file.url) {
    const res = await fetch(file.url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    return {
      stream: Readable.fromWeb(res.body as never),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      filename: decodeURIComponent(new URL(file.url).pathname.split('/').pop() || 'file'),
    };
  }
  const channel = await loadChannelWithSecrets(ctx, channelId);
  const adapter = channel && adapterFor(channel.type);
  if (!file.ref || !channel || !adapter?.fetchMedia) throw new Error('HTTP 404: the file cannot be fetched from this channel');
  return adapter.fetchMedia(channel, file.ref, { timeoutMs: 30_000, config: ctx.config });
}

/** Inbound messages that point at files get their copy job once they are stored. */
export const inboundMediaSubscriber: Subscriber = {
  name: 'messages.inbound-media',
  accepts: (e) => e.type === 'message.created' && Array.isArray((e.payload as { message?: { meta?: { remoteAttachments?: unknown } } }).message?.meta?.remoteAttachments),
  async handle(ctx, events) {
    for (const e of events) {
      const id = (e.payload as { message: { id: number } }).message.id;
      await ctx.queue.send(FETCH_INBOUND_MEDIA, { workspaceId: e.workspaceId, messageId: id }, { key: String(id) });
    }
  },
};
