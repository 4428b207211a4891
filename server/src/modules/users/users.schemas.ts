import { z } from 'zod';

export const role = z.enum(['owner', 'admin', 'supervisor', 'agent']);
export const accessLevel = z.enum(['all', 'team', 'assigned']);
export const email = z.string().trim().toLowerCase().pipe(z.email('Expected an email address'));
export const personName = z.string().trim().min(1).max(120);
export const password = z.string().min(8, 'Expected at least 8 characters').max(200);
export const userLanguage = z.enum(['es', 'en']);
export const idList = z.array(z.number().int().positive()).max(200);

export const userIdParams = z.object({ id: z.coerce.number().int().positive() });

export const memberDto = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  language: z.string(),
  role,
  accessLevel,
  active: z.boolean(),
  teamIds: z.array(z.number()),
  joinedAt: z.string(),
});
export type MemberDto = z.infer<typeof memberDto>;

export const listUsersQuery = z.object({
  cursor: z.string().regex(/^\d+$/, 'Expected the nextCursor of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const memberListDto = z.object({ items: z.array(memberDto), nextCursor: z.string().nullable() });
export const memberResponse = z.object({ user: memberDto });

export const updateMemberBody = z.object({
  role: role.optional(),
  accessLevel: accessLevel.optional(),
  active: z.boolean().optional(),
  teamIds: idList.optional(),
});
export type UpdateMemberInput = z.infer<typeof updateMemberBody>;

export const updateProfileBody = z.object({
  name: personName.optional(),
  avatarUrl: z.url().max(2000).nullable().optional(),
  language: userLanguage.optional(),
  currentPassword: z.string().max(200).optional(),
  newPassword: password.optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileBody>;

export const profileDto = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  language: z.string(),
});
export type ProfileDto = z.infer<typeof profileDto>;
export const profileResponse = z.object({ user: profileDto });
