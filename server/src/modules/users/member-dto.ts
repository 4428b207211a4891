import type { MemberRow, UserRow } from './users.repo.js';
import type { MemberDto, ProfileDto } from './users.schemas.js';

export function toMemberDto(row: MemberRow): MemberDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    avatarUrl: row.avatar_url,
    language: row.language,
    role: row.role,
    accessLevel: row.access_level,
    active: row.active,
    teamIds: row.team_ids ?? [],
    joinedAt: new Date(row.joined_at).toISOString(),
  };
}

export function toProfileDto(row: UserRow): ProfileDto {
  return { id: row.id, email: row.email, name: row.name, avatarUrl: row.avatarUrl, language: row.language };
}
