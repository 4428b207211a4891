import type { MemberRow, UserRow } from './users.repo.js';
import type { MemberDto, OwnProfileDto, ProfileDto } from './users.schemas.js';
import { resolvePreferences } from './notification-preferences.js';
import type { MemberStatus } from './presence-rules.js';

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
    status: row.status,
    lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString(),
    maxConversations: row.max_conversations,
  };
}

export function toProfileDto(row: UserRow): ProfileDto {
  return { id: row.id, email: row.email, name: row.name, avatarUrl: row.avatarUrl, language: row.language };
}

/** The user's own profile: the session's view plus their notification choices and their status in this workspace. */
export function toOwnProfileDto(row: UserRow, status: MemberStatus): OwnProfileDto {
  return { ...toProfileDto(row), notificationPreferences: resolvePreferences(row.notificationPreferences), status };
}
