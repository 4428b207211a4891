import type { Db } from '../../../platform/db/db.js';
import { workflowDefinition, type WorkflowDefinition } from '../definition/workflow-definition.js';
import { findVersionDefinition, type WorkflowRow } from './runs.repo.js';

/**
 * The definition a run follows: the published version it started on, or for a test run of the draft (version 0)
 * the draft as it is now.
 */
export async function definitionOf(db: Db, workflow: WorkflowRow, version: number): Promise<WorkflowDefinition | null> {
  const raw = version === 0 ? workflow.draft : await findVersionDefinition(db, workflow.id, version);
  const parsed = raw && workflowDefinition.safeParse(raw);
  return parsed && parsed.success ? parsed.data : null;
}
