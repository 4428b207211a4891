import type { TeamRow } from './teams.repo.js';
import type { TeamDto } from './teams.schemas.js';

export function toTeamDto(row: TeamRow): TeamDto {
  return { id: row.id, name: row.name, description: row.description, memberIds: row.member_ids ?? [], routing: row.routing, createdAt: new Date(row.created_at).toISOString() };
}
