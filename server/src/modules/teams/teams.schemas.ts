import { z } from 'zod';
import { idList } from '../users/users.schemas.js';

export const teamDto = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  memberIds: z.array(z.number()),
  createdAt: z.string(),
});
export type TeamDto = z.infer<typeof teamDto>;

const teamName = z.string().trim().min(1).max(80);
const description = z.string().trim().max(500);

export const createTeamBody = z.object({ name: teamName, description: description.default('') });
export const updateTeamBody = z.object({ name: teamName.optional(), description: description.optional() });
export const setTeamMembersBody = z.object({ userIds: idList });
export const teamIdParams = z.object({ id: z.coerce.number().int().positive() });
export const listTeamsQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const teamResponse = z.object({ team: teamDto });
export const teamListDto = z.object({ items: z.array(teamDto), nextCursor: z.string().nullable() });
