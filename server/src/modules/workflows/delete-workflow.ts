import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { deleteWorkflow as deleteWorkflowRow } from './workflows.repo.js';
import { workflowEvent } from './workflow-events.js';
import { loadWorkflow } from './load-workflow.js';

/** Its versions, runs and run logs go with it. */
export async function deleteWorkflow(ctx: UseCaseContext, id: number) {
  const row = await loadWorkflow(ctx, id, 'workflow.manage');
  await inTransaction(ctx, async (tx, emit) => {
    await deleteWorkflowRow(tx, row.id);
    emit(workflowEvent(ctx.actor, 'workflow.deleted', row));
  });
  return { id: row.id, deleted: true as const };
}
