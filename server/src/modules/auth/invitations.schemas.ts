import { z } from 'zod';
import { accessLevel, email, idList, password, personName, role } from '../users/users.schemas.js';
import { sessionDto } from './auth.schemas.js';

export const createInvitationBody = z.object({
  email,
  name: personName.optional(),
  role,
  accessLevel: accessLevel.default('all'),
  teamIds: idList.default([]),
});
export type CreateInvitationInput = z.infer<typeof createInvitationBody>;

export const invitationDto = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string().nullable(),
  role,
  accessLevel,
  teamIds: z.array(z.number()),
  invitedBy: z.number().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type InvitationDto = z.infer<typeof invitationDto>;

export const invitationCreatedDto = z.object({ invitation: invitationDto, emailed: z.boolean() });
export const invitationListDto = z.object({ items: z.array(invitationDto), nextCursor: z.string().nullable() });
export const listInvitationsQuery = z.object({
  cursor: z.string().regex(/^\d+$/, 'Expected the nextCursor of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const invitationIdParams = z.object({ id: z.coerce.number().int().positive() });

export const lookupInvitationQuery = z.object({ token: z.string().min(10).max(200) });
export const invitationLookupDto = z.object({
  workspaceName: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  /** The address already has an account: accepting asks for its password instead of a new one. */
  accountExists: z.boolean(),
});

export const acceptInvitationBody = z.object({
  token: z.string().min(10).max(200),
  name: personName.optional(),
  password,
});
export type AcceptInvitationResponse = z.infer<typeof sessionDto>;
