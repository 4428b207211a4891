import { z } from 'zod';

const customValue = z.union([z.string().max(1000), z.number(), z.boolean()]);

export const sessionBody = z.object({
  /** The embed snippet's data-channel: the channel's public token. */
  channel: z.string().regex(/^wc_[A-Za-z0-9_-]{16,64}$/, 'Expected the public token of the snippet (wc_…)'),
  /** The token this browser kept from an earlier visit. */
  visitorToken: z.string().max(2048).optional(),
  /** The site's signed-in user (data-user-id / data-user-hash / data-user-name / data-user-email). */
  user: z.object({
    id: z.string().trim().min(1).max(200),
    hash: z.string().max(128).optional(),
    name: z.string().trim().max(200).optional(),
    email: z.string().trim().toLowerCase().pipe(z.email('Expected an email address')).optional(),
  }).optional(),
});
export type SessionInput = z.infer<typeof sessionBody>;

export const prechatBody = z.object({ values: z.record(z.string().max(50), customValue.nullable()) });
export type PrechatInput = z.infer<typeof prechatBody>;

export const sendBody = z.object({
  /** The widget's id for this message: a retried send with the same id is stored once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Expected 8–64 characters A-Z a-z 0-9 _ -'),
  text: z.string().max(10_000).default(''),
  /** Files uploaded just before, as POST /widget/attachments answered them. */
  attachments: z.array(z.object({ id: z.number().int().positive(), ref: z.string().max(200) })).max(10).default([]),
  pageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  campaignId: z.string().max(40).optional(),
});
export type SendInput = z.infer<typeof sendBody>;

export const messagesQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const typingBody = z.object({ typing: z.boolean() });
export const readBody = z.object({ upToMessageId: z.number().int().positive() });
export const ratingBody = z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() });
export const transcriptBody = z.object({ email: z.string().trim().toLowerCase().pipe(z.email('Expected an email address')).optional() }).nullish();
export const conversationParams = z.object({ id: z.coerce.number().int().positive() });
export const avatarParams = z.object({ userId: z.coerce.number().int().positive() });
export const avatarQuery = z.object({ sig: z.string().max(100) });
export const frameQuery = z.object({ channel: z.string().max(100).optional() });

export const visitorAttachment = z.object({ id: z.number(), filename: z.string(), contentType: z.string(), size: z.number(), url: z.string() });

/** A message as the visitor sees it: text, files and who wrote it; nothing agents keep for themselves. */
export const visitorMessage = z.object({
  id: z.number(),
  conversationId: z.number(),
  from: z.enum(['visitor', 'agent']),
  body: z.string(),
  attachments: z.array(visitorAttachment),
  agent: z.object({ name: z.string(), avatarUrl: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  /** For the visitor's own messages, the id the widget gave it when sending. */
  clientId: z.string().nullable(),
});
export type VisitorMessage = z.infer<typeof visitorMessage>;

export const visitorConversation = z.object({
  id: z.number(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  rating: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
});

const contactSummary = z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable();

export const sessionResponse = z.object({
  visitorId: z.string(),
  visitorToken: z.string(),
  channel: z.object({
    name: z.string(),
    greeting: z.string(),
    color: z.string(),
    position: z.enum(['right', 'left']),
    open: z.boolean(),
    prechat: z.object({
      enabled: z.boolean(),
      message: z.string(),
      fields: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), options: z.array(z.string()).optional(), required: z.boolean() })),
    }),
    campaigns: z.array(z.object({ id: z.string(), message: z.string(), urlPattern: z.string(), secondsOnPage: z.number() })),
  }),
  contact: contactSummary,
  prechatNeeded: z.boolean(),
});

export const prechatResponse = z.object({ contact: contactSummary });
export const messagesResponse = z.object({ conversations: z.array(visitorConversation), messages: z.array(visitorMessage), hasMore: z.boolean() });
export const uploadResponse = z.object({ id: z.number(), ref: z.string(), filename: z.string(), contentType: z.string(), size: z.number() });
export const okResponse = z.object({ ok: z.boolean() });
export const ratingResponse = z.object({ conversationId: z.number(), score: z.number(), comment: z.string().nullable() });
export const transcriptResponse = z.object({ to: z.string() });
