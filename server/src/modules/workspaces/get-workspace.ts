import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findWorkspace } from './workspaces.repo.js';
import { toWorkspaceDto } from './workspace-dto.js';

export async function getWorkspace(ctx: UseCaseContext) {
  const { actor } = ctx;
  const workspace = await findWorkspace(ctx.db, actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  if (!can(actor, 'workspace.read', { workspaceId: workspace.id })) throw forbidden();
  return toWorkspaceDto(workspace);
}
