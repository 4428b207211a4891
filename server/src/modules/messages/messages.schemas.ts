import { z } from 'zod';

export const messageSchema = z.object({
  id: z.number(),
  conversationId: z.number(),
  kind: z.enum(['message', 'note', 'activity']),
  direction: z.enum(['inbound', 'outbound']).nullable(),
  sender: z.object({ type: z.string(), id: z.number().nullable() }),
  body: z.string(),
  meta: z.record(z.string(), z.unknown()),
  externalId: z.string().nullable(),
  deliveryStatus: z.enum(['queued', 'sent', 'delivered', 'read', 'failed']).nullable(),
  failureReason: z.string().nullable(),
  attachments: z.array(z.object({ id: z.number(), filename: z.string(), contentType: z.string(), size: z.number(), url: z.string() })),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const timelineQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const timelinePage = z.object({ items: z.array(messageSchema), nextBefore: z.number().nullable(), nextAfter: z.number().nullable() });
export const sendBody = z.strictObject({
  body: z.string().max(65_536).default(''),
  attachmentIds: z.array(z.number().int().positive()).max(10).optional(),
  template: z.strictObject({
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15).describe('As the provider names it: es, en_US, pt_BR…'),
    variables: z.array(z.string().max(1024)).max(100).default([]).describe('The body\'s {{1}} … {{n}}, in order'),
  }).optional().describe('Reply with one of the channel\'s approved templates (then body and attachmentIds stay empty); the only reply allowed outside the channel\'s reply window'),
});
export const noteBody = z.strictObject({ body: z.string().min(1).max(65_536), mentions: z.array(z.number().int().positive()).max(50).optional() });
export const attachmentSchema = z.object({ id: z.number(), filename: z.string(), contentType: z.string(), size: z.number(), url: z.string() });
