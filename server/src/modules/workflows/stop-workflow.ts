import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { conflict } from '../../platform/http/errors.js';
import { updateWorkflow } from './workflows.repo.js';
import { stopRunsOf } from './engine/runs.repo.js';
import { loadWorkflowDto } from './workflow-dto.js';
import { workflowEvent } from './workflow-events.js';
import { loadWorkflow } from './load-workflow.js';

/** No new runs start, and the runs going (running or waiting) stop too; a stopped workflow stays stopped. */
export async function stopWorkflow(ctx: UseCaseContext, id: number) {
  const row = await loadWorkflow(ctx, id, 'workflow.manage');
  if (row.status === 'draft') throw conflict('The workflow was never published: there is nothing running to stop');
  if (row.status === 'published') {
    await inTransaction(ctx, async (tx, emit) => {
      await updateWorkflow(tx, row.id, { status: 'stopped' });
      await stopRunsOf(tx, row.id, ctx.clock.now());
      emit(workflowEvent(ctx.actor, 'workflow.stopped', { ...row, status: 'stopped' }));
    });
  }
  return loadWorkflowDto(ctx, row.id);
}
