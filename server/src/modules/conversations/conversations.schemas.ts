import { z } from 'zod';

export const idParams = z.object({ id: z.coerce.number().int().positive() });
const status = z.enum(['bot', 'queued', 'open', 'snoozed', 'closed']);
export const priority = z.enum(['none', 'low', 'medium', 'high', 'urgent']);
const nullableId = z.union([z.literal('none'), z.coerce.number().int().positive()]).transform((v) => (v === 'none' ? null : v));

export const listQuery = z.object({
  status: z.string().transform((s) => s.split(',')).pipe(z.array(status).min(1)).optional().describe('One status or several, comma separated (default: all)'),
  assigneeId: z.union([z.literal('me'), nullableId]).optional().describe('A user id, `me`, or `none` for unassigned'),
  teamId: nullableId.optional().describe('A team id, or `none`'),
  channelId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  tag: z.string().max(100).optional(),
  priority: priority.optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Conversations started at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('Conversations started before'),
  q: z.string().trim().min(1).max(200).optional().describe('Contact name, phone, e-mail, document number or message text'),
  mentioned: z.literal('me').optional().describe('Only conversations with a note that mentions me'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const person = z.object({ id: z.number(), name: z.string(), avatarUrl: z.string().nullable() });
export const conversationSchema = z.object({
  id: z.number(),
  status,
  priority,
  tags: z.array(z.string()),
  botActive: z.boolean(),
  contact: z.object({ id: z.number(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable(), documentNumber: z.string().nullable() }),
  channel: z.object({ id: z.number(), type: z.string(), name: z.string() }),
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  assignee: person.nullable(),
  snooze: z.object({ mode: z.string().nullable(), until: z.string().nullable() }).nullable(),
  closingNote: z.object({ category: z.string().nullable(), summary: z.string().nullable() }).nullable(),
  closedAt: z.string().nullable(),
  firstReplyAt: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  replyWindowEndsAt: z.string().nullable().describe("When free-form replies stop being accepted on this channel (WhatsApp: 24 hours after the customer's last message; after it, only templates); null when the channel has no reply window"),
  lastActivityAt: z.string(),
  lastMessagePreview: z.string(),
  unreadCount: z.number(),
  queuedAt: z.string().nullable().describe('When it last entered its team queue'),
  assignedAt: z.string().nullable().describe('When the current assignee got it'),
  /** Only when one conversation is read: its place in its team queue (1 is next), null when it is not waiting. */
  queuePosition: z.number().nullable().optional(),
  createdAt: z.string(),
});
export const conversationPage = z.object({ items: z.array(conversationSchema), nextCursor: z.string().nullable() });

export const assignBody = z.strictObject({
  assigneeId: z.number().int().positive().nullable().optional(),
  teamId: z.number().int().positive().nullable().optional(),
  reason: z.string().trim().max(500).optional(),
});
export const snoozeBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('until_reply') }),
  z.strictObject({ kind: z.literal('tomorrow') }),
  z.strictObject({ kind: z.literal('next_week') }),
  z.strictObject({ kind: z.literal('until'), until: z.iso.datetime({ offset: true }) }),
]);
export const closeBody = z.strictObject({ category: z.string().trim().min(1).max(100).optional(), summary: z.string().max(5000).optional() }).nullish();
export const botBody = z.strictObject({ active: z.boolean() });
export const handoffBody = z.strictObject({
  teamId: z.number().int().positive().optional().describe("The team whose queue receives it; default: the conversation's team, else the channel's"),
  note: z.string().trim().max(500).optional().describe('Why, shown in the timeline and the bot review'),
}).optional();
export const priorityBody = z.strictObject({ priority });
export const tagsBody = z.strictObject({ add: z.array(z.string().min(1).max(100)).max(50).optional(), remove: z.array(z.string().min(1).max(100)).max(50).optional() });

const countById = z.object({ id: z.number(), count: z.number() });
export const countsSchema = z.object({
  mine: z.number().describe('Assigned to me, open or queued'),
  unassigned: z.number().describe('Queued with no assignee'),
  mentions: z.number().describe('Not closed, where I was @mentioned and have not opened it since'),
  bot: z.number().describe('With the bot'),
  snoozed: z.number(),
  all: z.number().describe('Open or queued'),
  teams: z.array(countById).describe('Queued, per team'),
  channels: z.array(countById).describe('Open or queued, per channel'),
  tags: z.array(z.object({ tag: z.string(), count: z.number() })).describe('Open or queued, per tag'),
});
