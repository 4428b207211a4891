import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { conflict } from '../../platform/http/errors.js';
import { updateWorkflow } from './workflows.repo.js';
import { loadWorkflowDto } from './workflow-dto.js';
import { workflowEvent } from './workflow-events.js';
import { loadWorkflow } from './load-workflow.js';
import { scheduleNextTick } from './engine/workflow-tick.job.js';

/** A stopped workflow runs its published version again (stopped runs stay stopped); a draft must be published instead. */
export async function startWorkflow(ctx: UseCaseContext, id: number) {
  const row = await loadWorkflow(ctx, id, 'workflow.manage');
  if (row.version === 0) throw conflict('The workflow was never published: publish it to start it');
  if (row.status === 'stopped') {
    await inTransaction(ctx, async (tx, emit) => {
      await updateWorkflow(tx, row.id, { status: 'published' });
      emit(workflowEvent(ctx.actor, 'workflow.started', { ...row, status: 'published' }));
    });
    await scheduleNextTick(ctx, row.id);
  }
  return loadWorkflowDto(ctx, row.id);
}
