import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import type { SessionDto } from './auth.schemas.js';
import { findWorkspace } from '../workspaces/workspaces.repo.js';
import { toWorkspaceDto } from '../workspaces/workspace-dto.js';
import { loadUserSession } from './session-dto.js';

/** GET /auth/me: a user sees their session; an API token sees its workspace and grant. */
export async function getCurrentSession(ctx: UseCaseContext): Promise<SessionDto> {
  const { actor } = ctx;
  if (actor.userId !== null) return loadUserSession(ctx.db, actor.workspaceId, actor.userId);
  const workspace = await findWorkspace(ctx.db, actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  return { user: null, workspace: toWorkspaceDto(workspace), role: actor.role, accessLevel: actor.accessLevel, teamIds: [], workspaces: [] };
}
