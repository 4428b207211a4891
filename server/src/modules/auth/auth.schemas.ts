import { z } from 'zod';
import { accessLevel, email, password, personName, profileDto, role, userLanguage } from '../users/users.schemas.js';
import { timezone, workspaceDto, workspaceName } from '../workspaces/workspaces.schemas.js';

export const setupStatusDto = z.object({ needed: z.boolean() });

export const setupBody = z.object({
  workspaceName,
  name: personName,
  email,
  password,
  language: userLanguage.optional(),
  timezone: timezone.optional(),
});
export type SetupInput = z.infer<typeof setupBody>;

export const loginBody = z.object({
  email,
  password: z.string().min(1).max(200),
  workspaceId: z.number().int().positive().optional(),
});

export const switchWorkspaceBody = z.object({ workspaceId: z.number().int().positive() });

export const passwordResetBody = z.object({ email });
export const passwordResetConfirmBody = z.object({ token: z.string().min(10).max(200), password });

/** Who is signed in, where, and where else they may go. */
export const sessionDto = z.object({
  user: profileDto.nullable(),
  workspace: workspaceDto,
  role,
  accessLevel,
  teamIds: z.array(z.number()),
  workspaces: z.array(z.object({ id: z.number(), name: z.string(), role })),
});
export type SessionDto = z.infer<typeof sessionDto>;
