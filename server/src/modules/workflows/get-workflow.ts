import type { UseCaseContext } from '../use-case.js';
import { loadWorkflowDto } from './workflow-dto.js';
import { authoriseWorkflows } from './load-workflow.js';

export async function getWorkflow(ctx: UseCaseContext, id: number) {
  authoriseWorkflows(ctx, 'workflow.read');
  return loadWorkflowDto(ctx, id);
}
