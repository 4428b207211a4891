import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import { findRunView, listRunSteps } from './run-views.repo.js';
import { toRunDetailDto } from './run-dto.js';
import { authoriseWorkflows } from './load-workflow.js';

/** A run with its step log and the variables it collected. */
export async function getWorkflowRun(ctx: UseCaseContext, runId: number) {
  authoriseWorkflows(ctx, 'workflow.read');
  const run = await findRunView(ctx.db, ctx.actor.workspaceId, runId);
  if (!run) throw notFound('Workflow run');
  return toRunDetailDto(run, await listRunSteps(ctx.db, run.id));
}
