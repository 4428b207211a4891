import { AppError, ErrorCode } from '../../platform/http/errors.js';
import type { WorkflowDefinition } from './definition/workflow-definition.js';
import { parseWorkflowDefinition } from './definition/parse-workflow-definition.js';
import type { WorkflowProblem } from './definition/workflow-problems.js';

/** A new workflow without a definition: started when a conversation opens, no steps yet. */
export const emptyDraft = (): WorkflowDefinition => {
  const parsed = parseWorkflowDefinition({ version: 1, trigger: { type: 'conversation_opened' }, steps: [] });
  if (!parsed.ok) throw new Error('the empty draft does not fit the schema');
  return parsed.definition;
};

/**
 * Problems as error details. `field` is the problem's path in the definition, or, for a request body that is
 * malformed, where in the body (`body.definition.steps[0].id`) like any other 400; `path` is always the former.
 */
export const problemDetails = (problems: WorkflowProblem[], under?: string) =>
  problems.map((p) => ({
    field: under ? (p.path ? `${under}.${p.path}` : under) : p.path,
    message: p.message,
    code: p.code,
    path: p.path,
    ...(p.stepId ? { stepId: p.stepId } : {}),
  }));

/** A definition sent by the editor, shape-checked with defaults filled; 400 naming every malformed path. */
export function draftFromBody(raw: unknown): WorkflowDefinition {
  const parsed = parseWorkflowDefinition(raw);
  if (parsed.ok) return parsed.definition;
  const details = problemDetails(parsed.problems, 'body.definition');
  throw new AppError(ErrorCode.Validation, 400, `Invalid ${details[0].field}: ${details[0].message}`, details);
}

/**
 * A definition as stored. Stored drafts were parsed when saved; parsing again fills defaults a newer schema added.
 * A stored draft that no longer fits answers with its problems (the editor shows them).
 */
export function storedDefinition(raw: Record<string, unknown>) {
  return parseWorkflowDefinition(raw);
}

/** 422 `workflow_invalid`: publishing (or a test run) needs these fixed first. */
export const workflowInvalid = (problems: WorkflowProblem[]) =>
  new AppError(ErrorCode.WorkflowInvalid, 422, `The workflow is not ready: ${problems[0].message}`, problemDetails(problems));
