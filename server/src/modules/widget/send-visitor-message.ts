import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { invalidField } from '../invalid-field.js';
import { withActor } from '../use-case.js';
import { ingestInbound } from '../messages/ingest-inbound.js';
import { attachmentsOf, claimAttachments, findMessage } from '../messages/messages.repo.js';
import { messageDto } from '../messages/messages.dto.js';
import { uploadAttachment } from '../messages/upload-attachment.js';
import { findConversationsByIds } from '../conversations/conversations.repo.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { webchatAdapter } from '../channels/webchat/webchat.adapter.js';
import { widgetActor, type Visitor } from './widget-visitor.js';
import { agentInfos, toVisitorMessage } from './visitor-dto.js';
import type { SendInput } from './widget.schemas.js';

type Headers = Record<string, string | string[] | undefined>;

const uploadRefData = (visitor: Visitor, attachmentId: number) => `widget-upload:${visitor.channel.id}:${visitor.claims.visitorId}:${attachmentId}`;

/**
 * A visitor's file, stored like an agent's upload (same storage, same size limit) and not yet sent. The answer's
 * `ref` proves who uploaded it: a send may only attach files its own visitor uploaded.
 */
export async function uploadVisitorFile(ctx: AppContext, visitor: Visitor, file: { filename: string; contentType: string; stream: Readable }) {
  const dto = await uploadAttachment(withActor(ctx, widgetActor(visitor.channel.workspaceId)), file);
  return { id: dto.id, ref: ctx.secrets.sign(uploadRefData(visitor, dto.id)), filename: dto.filename, contentType: dto.contentType, size: dto.size };
}

/**
 * A visitor's message: parsed by the web chat adapter and stored by the same ingest as every channel (the
 * conversation is reused, reopened or started there; a retry with the same id is stored once). Files uploaded
 * before are bound to it afterwards, in their own transaction that announces them (`message.updated`); a retry
 * after a failure between the two binds them then.
 */
export async function sendVisitorMessage(ctx: AppContext, visitor: Visitor, input: SendInput, headers: Headers) {
  const fileIds = input.attachments.map((a, i) => {
    if (!ctx.secrets.verify(uploadRefData(visitor, a.id), a.ref)) throw invalidField(`body.attachments.${i}.ref`, 'not a file this visitor uploaded');
    return a.id;
  });
  if (!input.text.trim() && fileIds.length === 0) throw invalidField('body.text', 'write something or attach a file');
  const { channel, claims } = visitor;
  const events = webchatAdapter.parse(channel, {
    headers,
    rawBody: Buffer.alloc(0),
    body: { visitorId: claims.visitorId, id: input.id, text: input.text.trim(), pageUrl: input.pageUrl, campaignId: input.campaignId },
    query: {},
  });
  const [stored] = await ingestInbound(ctx, channel, events);
  if (stored.kind !== 'message') throw new Error('the web chat ingest stored no message');
  if (fileIds.length) await bindFiles(ctx, channel.workspaceId, stored.messageId, fileIds);

  const row = (await findMessage(ctx.db, channel.workspaceId, stored.messageId))!;
  const files = await attachmentsOf(ctx.db, [row.id]);
  const dto = toVisitorMessage(ctx, {
    id: row.id, conversationId: row.conversationId, kind: row.kind, direction: row.direction, senderType: row.senderType, senderId: row.senderId,
    body: row.body, deleted: row.deletedAt !== null, createdAt: row.createdAt, attachments: files, externalId: row.externalId,
  }, await agentInfos(ctx, []), channel.name);
  return { message: dto!, duplicate: stored.duplicate };
}

async function bindFiles(ctx: AppContext, workspaceId: number, messageId: number, fileIds: number[]) {
  await inTransaction(ctx, async (tx, emit) => {
    const claimed = await claimAttachments(tx, workspaceId, fileIds, messageId);
    if (claimed.length === 0) return; // a retry: bound the first time
    const message = (await findMessage(tx, workspaceId, messageId))!;
    const [c] = await findConversationsByIds(tx, workspaceId, [message.conversationId]);
    emit(conversationEvent(c, 'message.updated', { type: 'contact' }, { message: messageDto(message, await attachmentsOf(tx, [messageId])) }));
  });
}
