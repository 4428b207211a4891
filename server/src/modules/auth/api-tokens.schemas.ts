import { z } from 'zod';
import { accessLevel, role } from '../users/users.schemas.js';

export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(120),
  role: role.default('admin'),
  accessLevel: accessLevel.default('all'),
});

export const apiTokenDto = z.object({
  id: z.number(),
  name: z.string(),
  role,
  accessLevel,
  createdBy: z.number().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenDto>;

/** The only time the token itself is shown. */
export const apiTokenCreatedDto = z.object({ token: z.string(), apiToken: apiTokenDto });
export const apiTokenListDto = z.object({ items: z.array(apiTokenDto), nextCursor: z.string().nullable() });
export const apiTokenIdParams = z.object({ id: z.coerce.number().int().positive() });
export const listApiTokensQuery = z.object({
  cursor: z.string().regex(/^\d+$/, 'Expected the nextCursor of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
