import type { UseCaseContext } from '../use-case.js';
import { forbidden } from '../../platform/http/errors.js';
import { exportWorkflow as toWorkflowFile } from './definition/workflow-io.js';
import { storedDefinition, workflowInvalid } from './workflow-draft.js';
import { canManageWorkflows, loadWorkflow } from './load-workflow.js';

/** The draft as a file; credentials of HTTP steps are left out unless an admin asks to keep them (a private backup). */
export async function exportWorkflow(ctx: UseCaseContext, id: number, opts: { includeSecrets?: boolean }) {
  const row = await loadWorkflow(ctx, id, 'workflow.read');
  if (opts.includeSecrets && !canManageWorkflows(ctx)) throw forbidden('Only admins and owners export credentials');
  const draft = storedDefinition(row.draft);
  if (!draft.ok) throw workflowInvalid(draft.problems);
  return toWorkflowFile({ name: row.name, description: row.description, definition: draft.definition }, { includeSecrets: opts.includeSecrets });
}
