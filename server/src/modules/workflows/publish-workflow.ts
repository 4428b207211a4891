import type { UseCaseContext } from '../use-case.js';
import { inTransaction } from '../../platform/events/transaction.js';
import { notFound } from '../../platform/http/errors.js';
import { findWorkflow, insertVersion, updateWorkflow } from './workflows.repo.js';
import { loadWorkflowDto } from './workflow-dto.js';
import { workflowEvent } from './workflow-events.js';
import { storedDefinition, workflowInvalid } from './workflow-draft.js';
import { hookTokenFor } from './workflow-hook-token.js';
import { publishProblems } from './publish-problems.js';
import { authoriseWorkflows } from './load-workflow.js';
import { scheduleNextTick } from './engine/workflow-tick.job.js';

/**
 * The draft becomes the next version and the one new runs start on; runs already going stay on theirs. Checked on
 * the row locked for the publish, so a draft saved meanwhile is not published unchecked.
 */
export async function publishWorkflow(ctx: UseCaseContext, id: number) {
  authoriseWorkflows(ctx, 'workflow.manage');
  const { actor } = ctx;
  await inTransaction(ctx, async (tx, emit) => {
    const row = await findWorkflow(tx, actor.workspaceId, id, { forUpdate: true });
    if (!row) throw notFound('Workflow');
    const draft = storedDefinition(row.draft);
    if (!draft.ok) throw workflowInvalid(draft.problems);
    const problems = await publishProblems(tx, actor.workspaceId, row.id, draft.definition);
    if (problems.length) throw workflowInvalid(problems);
    const version = row.version + 1;
    const definition = draft.definition as unknown as Record<string, unknown>;
    await insertVersion(tx, { workflowId: row.id, version, definition, publishedBy: actor.userId, publishedAt: ctx.clock.now() });
    const published = {
      status: 'published' as const,
      version,
      draft: definition,
      triggerType: draft.definition.trigger.type,
      hookToken: hookTokenFor(row.hookToken, draft.definition),
      publishedAt: ctx.clock.now(),
    };
    await updateWorkflow(tx, row.id, published);
    emit(workflowEvent(actor, 'workflow.published', { ...row, ...published }));
  });
  await scheduleNextTick(ctx, id);
  return loadWorkflowDto(ctx, id);
}
