import type { WorkspaceRow } from './workspaces.repo.js';
import type { WorkspaceDto } from './workspaces.schemas.js';

export function toWorkspaceDto(row: WorkspaceRow): WorkspaceDto {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    language: row.language,
    reopenWindowMinutes: row.reopenWindowMinutes,
    onlyAssigneeReplies: row.onlyAssigneeReplies,
    closingNotePolicy: row.closingNotePolicy,
    closingMessage: row.closingMessage,
    closeResumesBot: row.closeResumesBot,
    agentReplyPausesBot: row.agentReplyPausesBot,
    closeReleasesAssignee: row.closeReleasesAssignee,
    autoAwayMinutes: row.autoAwayMinutes,
    autoOfflineMinutes: row.autoOfflineMinutes,
    createdAt: row.createdAt.toISOString(),
  };
}
