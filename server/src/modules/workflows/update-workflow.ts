import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { updateWorkflow as updateWorkflowRow } from './workflows.repo.js';
import { loadWorkflowDto } from './workflow-dto.js';
import { workflowEvent } from './workflow-events.js';
import { draftFromBody } from './workflow-draft.js';
import { hookTokenFor } from './workflow-hook-token.js';
import { loadWorkflow } from './load-workflow.js';
import type { UpdateWorkflowInput } from './workflows.schemas.js';

/** Saves the draft (shape-checked only, so unfinished work can be kept); the published version runs on untouched. */
export async function updateWorkflow(ctx: UseCaseContext, id: number, input: UpdateWorkflowInput) {
  const row = await loadWorkflow(ctx, id, 'workflow.manage');
  const definition = input.definition === undefined ? undefined : draftFromBody(input.definition);
  await inTransaction(ctx, async (tx, emit) => {
    const patch = {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(definition ? { draft: definition as unknown as Record<string, unknown>, hookToken: hookTokenFor(row.hookToken, definition) } : {}),
    };
    await updateWorkflowRow(tx, row.id, patch);
    emit(workflowEvent(ctx.actor, 'workflow.updated', { ...row, ...patch }));
  });
  return loadWorkflowDto(ctx, row.id);
}
