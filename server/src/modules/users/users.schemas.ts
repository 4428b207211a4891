import { z } from 'zod';

export const role = z.enum(['owner', 'admin', 'supervisor', 'agent']);
export const accessLevel = z.enum(['all', 'team', 'assigned']);
export const email = z.string().trim().toLowerCase().pipe(z.email('Expected an email address'));
export const personName = z.string().trim().min(1).max(120);
export const password = z.string().min(8, 'Expected at least 8 characters').max(200);
export const userLanguage = z.enum(['es', 'en']);
export const idList = z.array(z.number().int().positive()).max(200);

export const userIdParams = z.object({ id: z.coerce.number().int().positive() });
export const memberStatus = z.enum(['online', 'away', 'busy', 'offline']);

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
  status: memberStatus,
  lastSeenAt: z.string().nullable(),
  /** Most conversations open at once that routing assigns them, all teams together; null: no limit. */
  maxConversations: z.number().nullable(),
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
  maxConversations: z.number().int().min(1).max(500).nullable().optional(),
});
export type UpdateMemberInput = z.infer<typeof updateMemberBody>;

const pref = z.object({ inApp: z.boolean(), browser: z.boolean(), sound: z.boolean() });
export const notificationPreferencesDto = z.object({ assigned: pref, mentioned: pref, new_message: pref });
const prefPatch = z.strictObject({ inApp: z.boolean().optional(), browser: z.boolean().optional(), sound: z.boolean().optional() });
export const notificationPreferencesPatch = z.strictObject({ assigned: prefPatch.optional(), mentioned: prefPatch.optional(), new_message: prefPatch.optional() });

export const updateProfileBody = z.object({
  name: personName.optional(),
  avatarUrl: z.union([z.url().max(2000), z.string().regex(/^\/api\/v1\/users\/\d+\/avatar(\?v=[\w-]+)?$/)]).nullable().optional()
    .describe('An image URL, or null to remove the picture (upload one with POST /profile/avatar)'),
  language: userLanguage.optional(),
  currentPassword: z.string().max(200).optional(),
  newPassword: password.optional(),
  notificationPreferences: notificationPreferencesPatch.optional().describe('Only the kinds and channels given change; the rest keep their value'),
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

/** The signed-in user's own profile (GET/PATCH /profile): what the session shows plus their choices and status here. */
export const ownProfileDto = profileDto.extend({ notificationPreferences: notificationPreferencesDto, status: memberStatus });
export type OwnProfileDto = z.infer<typeof ownProfileDto>;
export const ownProfileResponse = z.object({ user: ownProfileDto });

export const statusBody = z.object({ status: memberStatus });
export const heartbeatBody = z.object({ idle: z.boolean().default(false) }).nullish();
export const statusResponse = z.object({ status: memberStatus });
