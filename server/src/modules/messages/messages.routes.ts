import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import type { AppContext } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { requireActor } from '../auth/authenticate.js';
import { withActor } from '../use-case.js';
import { idParams } from '../conversations/conversations.schemas.js';
import { attachmentSchema, messageSchema, noteBody, sendBody, timelinePage, timelineQuery } from './messages.schemas.js';
import { listMessages } from './list-messages.js';
import { sendMessage } from './send-message.js';
import { addNote } from './add-note.js';
import { deleteMessage } from './delete-message.js';
import { retryMessage } from './retry-message.js';
import { openAttachment, uploadAttachment } from './upload-attachment.js';
import { verifyAttachmentLink } from './attachment-links.js';
import { findAttachmentById } from './messages.repo.js';

const tags = ['messages'];

export function registerMessageRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/conversations/:id/messages', { schema: { tags, summary: 'The timeline: messages, notes and activity', params: idParams, querystring: timelineQuery, response: { 200: timelinePage } } }, async (req) =>
    listMessages(withActor(ctx, requireActor(req)), req.params.id, req.query),
  );
  app.post('/api/v1/conversations/:id/messages', { schema: { tags, summary: 'Reply to the customer', params: idParams, body: sendBody, response: { 201: messageSchema } } }, async (req, reply) =>
    reply.status(201).send(await sendMessage(withActor(ctx, requireActor(req)), req.params.id, req.body)),
  );
  app.post('/api/v1/conversations/:id/notes', { schema: { tags, summary: 'Add a private note, optionally mentioning teammates', params: idParams, body: noteBody, response: { 201: messageSchema } } }, async (req, reply) =>
    reply.status(201).send(await addNote(withActor(ctx, requireActor(req)), req.params.id, req.body)),
  );
  app.delete('/api/v1/messages/:id', { schema: { tags, summary: 'Delete a reply or note (soft)', params: idParams, response: { 200: z.object({ id: z.number(), deletedAt: z.string() }) } } }, async (req) =>
    deleteMessage(withActor(ctx, requireActor(req)), req.params.id),
  );

  app.post('/api/v1/messages/:id/retry', { schema: { tags, summary: 'Resend a failed reply as a new queued reply (same text and files)', params: idParams, response: { 201: messageSchema } } }, async (req, reply) =>
    reply.status(201).send(await retryMessage(withActor(ctx, requireActor(req)), req.params.id)),
  );

  app.post('/api/v1/attachments', { schema: { tags, summary: 'Upload a file (multipart, field `file`) to attach to a reply', response: { 201: attachmentSchema } } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!req.isMultipart()) throw badRequest('Send the file as multipart/form-data in the field `file`');
    const file = await req.file();
    if (!file) throw badRequest('No file in the request', [{ field: 'file', message: 'required' }]);
    const dto = await uploadAttachment(withActor(ctx, actor), { filename: file.filename, contentType: file.mimetype, stream: file.file });
    return reply.status(201).send(dto);
  });
  app.get('/api/v1/attachments/:id', { schema: { tags, summary: 'Download an attachment', params: idParams } }, async (req, reply) => {
    const { attachment, stream } = await openAttachment(withActor(ctx, requireActor(req)), req.params.id);
    return sendFile(reply, attachment, stream);
  });
  app.get('/api/v1/attachments/:id/public', {
    schema: { tags, summary: 'Download through a signed link (for providers)', params: idParams, querystring: z.object({ expires: z.coerce.number().int(), sig: z.string().max(100) }) },
  }, async (req, reply) => {
    if (!verifyAttachmentLink(ctx, req.params.id, req.query.expires, req.query.sig)) throw notFound('Attachment');
    const attachment = await findAttachmentById(ctx.db, req.params.id);
    if (!attachment) throw notFound('Attachment');
    return sendFile(reply, attachment, ctx.storage.get(attachment.storageKey));
  });
}

function sendFile(reply: any, a: { filename: string; contentType: string; size: number }, stream: NodeJS.ReadableStream) {
  // Served as a download with the stored type; scripts in user files never run on our origin.
  reply.header('content-type', a.contentType || 'application/octet-stream');
  reply.header('content-length', a.size);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  return reply.send(stream);
}
