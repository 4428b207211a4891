import type { ApiTokenRow } from './api-tokens.repo.js';
import type { ApiTokenDto } from './api-tokens.schemas.js';

export function toApiTokenDto(row: ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    accessLevel: row.accessLevel,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
