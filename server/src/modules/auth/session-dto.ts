import type { Db } from '../../platform/db/db.js';
import { notFound } from '../../platform/http/errors.js';
import type { SessionDto } from './auth.schemas.js';
import { findMember, findUser } from '../users/users.repo.js';
import { findWorkspace, workspacesOfUser } from '../workspaces/workspaces.repo.js';
import { toWorkspaceDto } from '../workspaces/workspace-dto.js';
import { toProfileDto } from '../users/member-dto.js';

/** The signed-in user's view of their session: who, where, with which grant, and where else they may go. */
export async function loadUserSession(db: Db, workspaceId: number, userId: number): Promise<SessionDto> {
  const [workspace, user, member, workspaces] = await Promise.all([
    findWorkspace(db, workspaceId),
    findUser(db, userId),
    findMember(db, workspaceId, userId),
    workspacesOfUser(db, userId),
  ]);
  if (!workspace || !user || !member) throw notFound('Session');
  return {
    user: toProfileDto(user),
    workspace: toWorkspaceDto(workspace),
    role: member.role,
    accessLevel: member.access_level,
    teamIds: member.team_ids ?? [],
    workspaces,
  };
}
