import { MAX_DEPTH, MAX_STEPS, type WorkflowDefinition } from './workflow-definition.js';
import { walkSteps, type StepVisit } from './walk-steps.js';
import { triggerProblems } from './trigger-problems.js';
import { stepProblems } from './step-problems.js';
import { flowProblems, stepIndexById } from './workflow-flow.js';
import type { ProblemCode, WorkflowProblem } from './workflow-problems.js';

export type ValidationResult = { ok: true } | { ok: false; problems: WorkflowProblem[] };

export interface ValidateOptions {
  /** The workflow's own id, to refuse a step that starts it again. */
  workflowId?: number;
}

/** Ids, jump targets, size and depth: the tree's own problems. */
function structureProblems(def: WorkflowDefinition, visits: StepVisit[]): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  if (!def.steps.length) problems.push({ path: 'steps', code: 'no_steps', message: 'Add at least one step' });
  if (visits.length > MAX_STEPS) {
    problems.push({ path: 'steps', code: 'too_many_steps', message: `A workflow has at most ${MAX_STEPS} steps; this one has ${visits.length}` });
  }
  const firstById = stepIndexById(visits);
  visits.forEach((v, i) => {
    const s = v.step;
    if (firstById.get(s.id) !== i) {
      problems.push({ stepId: s.id, path: `${v.path}.id`, code: 'duplicate_step_id', message: `Another step already has the id "${s.id}"` });
    }
    // Reported once, at the first step too deep, not again for each step under it.
    if (v.depth === MAX_DEPTH + 1) {
      problems.push({ stepId: s.id, path: v.path, code: 'too_deep', message: `Steps nest at most ${MAX_DEPTH} levels deep` });
    }
    if (s.type === 'jump_to' && s.target && !firstById.has(s.target)) {
      problems.push({ stepId: s.id, path: `${v.path}.target`, code: 'dangling_jump', message: `No step has the id "${s.target}"` });
    }
  });
  return problems;
}

/** Everything publishing requires of a definition that already has the schema's shape (see parseWorkflowDefinition). */
export function validateWorkflow(def: WorkflowDefinition, options: ValidateOptions = {}): ValidationResult {
  const visits = walkSteps(def.steps);
  const problems = structureProblems(def, visits);
  triggerProblems(def.trigger, (path, code, message) => problems.push({ path, code, message }));
  for (const v of visits) {
    const report = (path: string, code: ProblemCode, message: string) => problems.push({ stepId: v.step.id, path, code, message });
    stepProblems(v, report, options.workflowId);
  }
  // The flow analysis is quadratic in the worst case: not worth running on a tree that is too big anyway.
  if (visits.length <= MAX_STEPS) problems.push(...flowProblems(visits));
  return problems.length ? { ok: false, problems } : { ok: true };
}
