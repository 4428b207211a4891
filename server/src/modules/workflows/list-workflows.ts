import type { UseCaseContext } from '../use-case.js';
import { listWorkflowViews } from './workflows.repo.js';
import { toWorkflowSummary } from './workflow-dto.js';
import { authoriseWorkflows } from './load-workflow.js';

/** One query whatever the number of workflows. */
export async function listWorkflows(ctx: UseCaseContext) {
  authoriseWorkflows(ctx, 'workflow.read');
  return { items: (await listWorkflowViews(ctx.db, ctx.actor.workspaceId)).map(toWorkflowSummary) };
}
