import { z } from 'zod';

export const jobState = z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed']);

export const listJobsQuery = z.object({
  state: jobState.optional(),
  queue: z.string().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const jobDto = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.string(),
  retryCount: z.number(),
  retryLimit: z.number(),
  /** The failure's message, when it failed. */
  error: z.string().nullable(),
  /** What the handler returned, or the serialised error. */
  output: z.unknown(),
  createdOn: z.string(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
});
export type JobDto = z.infer<typeof jobDto>;

export const jobListDto = z.object({ items: z.array(jobDto), nextCursor: z.string().nullable() });
export const jobParams = z.object({ queue: z.string().min(1).max(200), id: z.uuid() });
export const jobResponse = z.object({ job: jobDto });
