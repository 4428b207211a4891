import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.number(),
  type: z.enum(['assigned', 'mentioned', 'new_message']),
  conversationId: z.number(),
  messageId: z.number().nullable(),
  actor: z.object({ type: z.string(), id: z.number().nullable(), name: z.string().nullable() }),
  preview: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const listNotificationsQuery = z.object({
  unread: z.enum(['true', 'false', '']).transform((v) => v === 'true').optional().describe('true: only the unread ones'),
  cursor: z.string().regex(/^\d*$/, 'Expected the nextCursor of a previous page').transform((v) => v || undefined).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const notificationPage = z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unreadCount: z.number() });

export const markReadBody = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(500).optional(),
  all: z.boolean().optional(),
});

export const unreadCountDto = z.object({ unreadCount: z.number() });
