import { z } from 'zod';
import { idList } from '../users/users.schemas.js';
import { businessHoursSchema } from '../routing/business-hours.schemas.js';

/** How the team's queue is served (issue 5: manual take, round robin, least busy, with its options). */
export const teamRouting = z.object({
  policy: z.enum(['manual', 'round_robin', 'least_busy']),
  /** Statuses an agent may have to be assigned automatically: ['online'] is "online agents only". */
  assignStatuses: z.array(z.enum(['online', 'away', 'busy', 'offline'])).min(1).max(4),
  /** Most open conversations of this team per agent; null: no limit. */
  maxPerAgent: z.number().int().min(1).max(500).nullable(),
  /** Reassign when the assignee has not replied this many minutes after assignment; null: never. */
  reassignAfterMinutes: z.number().int().min(1).max(10_080).nullable(),
  /** An agent who goes offline gives this team's open conversations back to the queue. */
  returnWhenOffline: z.boolean(),
  /** Null: always open. */
  businessHours: businessHoursSchema.nullable(),
});
export type TeamRouting = z.infer<typeof teamRouting>;

export const teamDto = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  memberIds: z.array(z.number()),
  routing: teamRouting,
  createdAt: z.string(),
});
export type TeamDto = z.infer<typeof teamDto>;

const teamName = z.string().trim().min(1).max(80);
const description = z.string().trim().max(500);

export const createTeamBody = z.object({ name: teamName, description: description.default('') });
export const updateTeamBody = z.object({ name: teamName.optional(), description: description.optional(), routing: teamRouting.partial().optional() });
export const setTeamMembersBody = z.object({ userIds: idList });
export const teamIdParams = z.object({ id: z.coerce.number().int().positive() });
export const listTeamsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const teamResponse = z.object({ team: teamDto });
export const teamListDto = z.object({ items: z.array(teamDto), nextCursor: z.string().nullable() });
