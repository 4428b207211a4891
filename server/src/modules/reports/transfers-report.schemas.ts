import { z } from 'zod';
import { listQuery } from '../conversations/conversations.schemas.js';
import { transferSchema } from '../conversations/transfers.schemas.js';

const id = z.coerce.number().int().positive();

/** The inbox's filters where they apply; the dates bound the transfers, not when conversations started. */
export const transfersReportQuery = listQuery.pick({ status: true, channelId: true, cursor: true, limit: true }).extend({
  from: z.iso.datetime({ offset: true }).optional().describe('Transfers at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('Transfers before'),
  teamId: id.optional().describe('Conversations with a transfer in the range from or to this team'),
  assigneeId: id.optional().describe('Conversations with a transfer in the range from or to this agent'),
  q: z.string().trim().min(1).max(200).optional().describe('Contact name'),
});

const named = z.object({ id: z.number(), name: z.string() }).nullable();
export const transfersReportPage = z.object({
  items: z.array(z.object({
    conversation: z.object({
      id: z.number(),
      status: z.enum(['bot', 'queued', 'open', 'snoozed', 'closed']),
      contact: z.object({ id: z.number(), name: z.string(), phone: z.string().nullable() }),
      channel: z.object({ id: z.number(), type: z.string(), name: z.string() }),
      team: named,
      assignee: named,
      lastTransferAt: z.string(),
    }),
    transfers: z.array(transferSchema).describe('Its transfers in the range, oldest first'),
  })),
  nextCursor: z.string().nullable(),
});
