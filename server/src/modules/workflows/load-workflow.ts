import type { UseCaseContext } from '../use-case.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { can } from '../auth/permissions.js';
import { findWorkflow, type WorkflowRow } from './workflows.repo.js';

export type WorkflowAction = 'workflow.manage' | 'workflow.read';

const denied: Record<WorkflowAction, string> = {
  'workflow.manage': 'Only admins and owners manage workflows',
  'workflow.read': 'Only supervisors and up see the workflows',
};

/** Workflows are workspace settings: the permission does not depend on the workflow, so it is checked before the lookup. */
export function authoriseWorkflows(ctx: UseCaseContext, action: WorkflowAction): void {
  if (!can(ctx.actor, action, { workspaceId: ctx.actor.workspaceId })) throw forbidden(denied[action]);
}

export const canManageWorkflows = (ctx: UseCaseContext) => can(ctx.actor, 'workflow.manage', { workspaceId: ctx.actor.workspaceId });

export async function loadWorkflow(ctx: UseCaseContext, id: number, action: WorkflowAction): Promise<WorkflowRow> {
  authoriseWorkflows(ctx, action);
  const row = await findWorkflow(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Workflow');
  return row;
}
