import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { eventActor } from '../../platform/events/event-types.js';
import { can } from '../auth/permissions.js';
import { findWorkspace, updateWorkspace as updateWorkspaceRow } from './workspaces.repo.js';
import { toWorkspaceDto } from './workspace-dto.js';
import type { UpdateWorkspaceInput } from './workspaces.schemas.js';

export async function updateWorkspace(ctx: UseCaseContext, input: UpdateWorkspaceInput) {
  const { actor } = ctx;
  const workspace = await findWorkspace(ctx.db, actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  if (!can(actor, 'workspace.manage', { workspaceId: workspace.id })) throw forbidden();
  // A closing message of blanks is no message: stored as null, so "nothing is sent" has one spelling.
  const normalised = input.closingMessage === undefined ? input : { ...input, closingMessage: input.closingMessage?.trim() || null };
  const changes = Object.fromEntries(
    Object.entries(normalised).filter(([k, v]) => v !== undefined && v !== workspace[k as keyof UpdateWorkspaceInput]),
  ) as UpdateWorkspaceInput;
  if (Object.keys(changes).length === 0) return toWorkspaceDto(workspace);
  const updated = await inTransaction(ctx, async (tx, emit) => {
    const row = await updateWorkspaceRow(tx, workspace.id, changes);
    emit({ workspaceId: workspace.id, type: 'workspace.updated', actor: eventActor(actor), payload: { changes } });
    return row;
  });
  return toWorkspaceDto(updated);
}
