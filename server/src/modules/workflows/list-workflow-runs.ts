import type { UseCaseContext } from '../use-case.js';
import type { RunStatus } from './workflows.tables.js';
import { listRunViews } from './run-views.repo.js';
import { toRunDto } from './run-dto.js';
import { loadWorkflow } from './load-workflow.js';

/** Newest first, a page at a time (`before` the last id of the previous page). */
export async function listWorkflowRuns(ctx: UseCaseContext, id: number, q: { status?: RunStatus; test?: boolean; before?: number; limit: number }) {
  const row = await loadWorkflow(ctx, id, 'workflow.read');
  const runs = await listRunViews(ctx.db, row.id, { status: q.status, test: q.test, beforeId: q.before, limit: q.limit + 1 });
  const page = runs.slice(0, q.limit);
  return { items: page.map(toRunDto), nextBefore: runs.length > q.limit ? page.at(-1)!.id : null };
}
