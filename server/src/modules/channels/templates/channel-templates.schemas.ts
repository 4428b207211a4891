import { z } from 'zod';

export const channelTemplateSchema = z.object({
  id: z.number(),
  name: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  status: z.string().describe('APPROVED, PENDING, REJECTED, PAUSED or DISABLED (only APPROVED ones can be sent)'),
  body: z.string().describe('The body text with its {{1}} … {{n}} placeholders'),
  variables: z.number().describe('How many variables the body takes'),
  sendable: z.boolean().describe('Approved, and sendable with body variables alone'),
  unsupportedReason: z.string().nullable(),
  components: z.array(z.unknown()),
  syncedAt: z.string(),
});

export const channelTemplateList = z.object({ items: z.array(channelTemplateSchema) });
export const channelTemplateSync = channelTemplateList.extend({ syncedAt: z.string() });
export const listTemplatesQuery = z.object({
  sendable: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Only templates an agent can send now'),
});
