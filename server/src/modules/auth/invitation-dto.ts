import type { InvitationRow } from './invitations.repo.js';
import type { InvitationDto } from './invitations.schemas.js';

export function toInvitationDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    accessLevel: row.accessLevel,
    teamIds: row.teamIds,
    invitedBy: row.invitedBy,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}
