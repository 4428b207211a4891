import type { WorkspaceRow } from './workspaces.repo.js';
import type { WorkspaceDto } from './workspaces.schemas.js';

export function toWorkspaceDto(row: WorkspaceRow): WorkspaceDto {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    language: row.language,
    reopenWindowMinutes: row.reopenWindowMinutes,
    createdAt: row.createdAt.toISOString(),
  };
}
