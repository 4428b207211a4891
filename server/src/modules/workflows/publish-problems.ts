import type { Db } from '../../platform/db/db.js';
import type { WorkflowDefinition } from './definition/workflow-definition.js';
import { validateWorkflow } from './definition/validate-workflow.js';
import type { WorkflowProblem } from './definition/workflow-problems.js';
import { existingReferences } from './workflow-references.repo.js';
import { referenceProblems, referencesToCheck } from './reference-problems.js';

/** Everything publishing refuses: the definition's own problems, then what it names that the workspace lacks. */
export async function publishProblems(db: Db, workspaceId: number, workflowId: number, definition: WorkflowDefinition): Promise<WorkflowProblem[]> {
  const validation = validateWorkflow(definition, { workflowId });
  const existing = await existingReferences(db, workspaceId, referencesToCheck(definition));
  return [...(validation.ok ? [] : validation.problems), ...referenceProblems(definition, existing)];
}
