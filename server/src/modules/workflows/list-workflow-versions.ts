import type { UseCaseContext } from '../use-case.js';
import { listVersions } from './workflows.repo.js';
import { loadWorkflow } from './load-workflow.js';

export async function listWorkflowVersions(ctx: UseCaseContext, id: number) {
  const row = await loadWorkflow(ctx, id, 'workflow.read');
  const versions = await listVersions(ctx.db, row.id);
  return {
    items: versions.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedById !== null && v.publishedByName !== null ? { id: v.publishedById, name: v.publishedByName } : null,
    })),
  };
}
