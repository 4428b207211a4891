import type { UseCaseContext } from '../use-case.js';
import { AppError, ErrorCode } from '../../platform/http/errors.js';
import { parseWorkflowImport } from './definition/workflow-io.js';
import { problemDetails } from './workflow-draft.js';
import { authoriseWorkflows } from './load-workflow.js';
import { insertDraft } from './create-workflow.js';

/** A file lands as a draft, kept as written; its problems (ids of another workspace, emptied credentials) show in the editor. */
export async function importWorkflow(ctx: UseCaseContext, file: unknown) {
  authoriseWorkflows(ctx, 'workflow.manage');
  const imported = parseWorkflowImport(file);
  if (!imported.ok) {
    const details = problemDetails(imported.problems, 'body.file');
    throw new AppError(ErrorCode.Validation, 400, `Invalid ${details[0].field}: ${details[0].message}`, details);
  }
  return insertDraft(ctx, { name: imported.name, description: imported.description, definition: imported.definition });
}
