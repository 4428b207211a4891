import { z } from 'zod';

const named = z.object({ id: z.number(), name: z.string() }).nullable();
const placement = z.object({ team: named, agent: named });

export const transferSchema = z.object({
  id: z.number(),
  conversationId: z.number(),
  from: placement,
  to: placement,
  by: z.object({ type: z.string().describe('user, api, system or bot'), user: named.describe('The user who moved it; null when not a user') }),
  reason: z.string().nullable(),
  at: z.string(),
});
export const transferList = z.object({ items: z.array(transferSchema) });
