import { z } from 'zod';

const id = z.coerce.number().int().positive();

export const turnIdParams = z.object({ id });
export const conversationIdParams = z.object({ id });

export const listTurnsQuery = z.object({
  flagged: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Only answers marked wrong'),
  outcome: z.enum(['answered', 'fallback', 'collected', 'handoff', 'delegated', 'error']).optional(),
  before: id.optional().describe('Turns older than this id (the next page)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const flagBody = z.strictObject({ note: z.string().trim().min(1).max(1000).describe('What was wrong, and what the answer should have been') });

export const turnDto = z.object({
  id: z.number(),
  conversationId: z.number(),
  contact: z.object({ id: z.number(), name: z.string() }),
  botId: z.number().nullable(),
  question: z.string(),
  answer: z.string(),
  intent: z.object({ id: z.number().nullable(), name: z.string() }).nullable(),
  confidence: z.number().nullable(),
  outcome: z.string(),
  handoffReason: z.string().nullable(),
  flagged: z.boolean(),
  flagNote: z.string().nullable(),
  flaggedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  flaggedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TurnDto = z.infer<typeof turnDto>;

export const turnPage = z.object({ items: z.array(turnDto), nextBefore: z.number().nullable() });

export const unmatchedQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30).describe('Questions asked in the last N days'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const unmatchedList = z.object({
  items: z.array(z.object({ example: z.string(), count: z.number(), lastAskedAt: z.string() })),
});

export const summaryQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});
export const botSummary = z.object({
  turns: z.number().describe('Customer messages the bot answered'),
  answered: z.number().describe('Answered from the matrix (or by the remote bot)'),
  fallback: z.number().describe('Not understood'),
  handoffs: z.record(z.string(), z.number()).describe('Hand-offs by reason: requested, failures, unsure, bot_error, bot'),
  conversations: z.object({
    withBot: z.number().describe('Conversations the bot answered in the range'),
    handedOff: z.number().describe('Of those, handed to people'),
    resolvedByBot: z.number().describe('Closed while the bot still had them'),
  }),
  flagged: z.number(),
});
