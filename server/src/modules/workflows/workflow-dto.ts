import type { UseCaseContext } from '../use-case.js';
import { notFound } from '../../platform/http/errors.js';
import type { WorkflowDefinition } from './definition/workflow-definition.js';
import { exportWorkflow } from './definition/workflow-io.js';
import { findVersion, findWorkflowView, type WorkflowView } from './workflows.repo.js';
import { storedDefinition } from './workflow-draft.js';
import { publishProblems } from './publish-problems.js';
import { hookUrl } from './workflow-hook-token.js';
import { canManageWorkflows } from './load-workflow.js';
import type { WorkflowDto, WorkflowSummaryDto } from './workflows.schemas.js';

export const toWorkflowSummary = (w: WorkflowView): WorkflowSummaryDto => ({
  id: w.id,
  name: w.name,
  description: w.description,
  status: w.status,
  version: w.version,
  triggerType: w.draftTriggerType,
  hasUnpublishedChanges: w.hasUnpublishedChanges,
  runs: { active: w.activeRuns, total: w.totalRuns },
  updatedAt: w.updatedAt.toISOString(),
  publishedAt: w.publishedAt?.toISOString() ?? null,
});

/** Supervisors read workflows but not the credentials HTTP steps hold: they get them as an export leaves them. */
const forReader = (definition: WorkflowDefinition, manager: boolean) =>
  (manager ? definition : exportWorkflow({ name: '', definition }).definition) as unknown as Record<string, unknown>;

/** The editor's view: draft, published version, live problems and, for admins, the webhook URL. A few queries. */
export async function loadWorkflowDto(ctx: UseCaseContext, id: number): Promise<WorkflowDto> {
  const w = await findWorkflowView(ctx.db, ctx.actor.workspaceId, id);
  if (!w) throw notFound('Workflow');
  const manager = canManageWorkflows(ctx);
  const draft = storedDefinition(w.draft);
  const published = w.version > 0 ? await findVersion(ctx.db, w.id, w.version) : undefined;
  const publishedDefinition = published && storedDefinition(published.definition);
  const webhook = (draft.ok && draft.definition.trigger.type === 'incoming_webhook') || w.triggerType === 'incoming_webhook';
  return {
    ...toWorkflowSummary(w),
    draft: draft.ok ? forReader(draft.definition, manager) : w.draft,
    published: publishedDefinition?.ok ? forReader(publishedDefinition.definition, manager) : (published?.definition ?? null),
    hookUrl: manager && webhook && w.hookToken ? hookUrl(ctx.config.publicUrl, w.hookToken) : null,
    problems: draft.ok ? await publishProblems(ctx.db, ctx.actor.workspaceId, w.id, draft.definition) : draft.problems,
  };
}
