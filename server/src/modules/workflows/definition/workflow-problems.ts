/**
 * What is wrong with a workflow definition or an imported file. `message` is English for logs and the API;
 * the dashboard shows its own words chosen by `code`.
 */

export const PROBLEM_CODES = [
  // Shape and import.
  'invalid_shape', 'not_json', 'not_a_workflow_file', 'unsupported_version', 'too_deep',
  // Structure.
  'no_steps', 'too_many_steps', 'duplicate_step_id', 'duplicate_branch_id', 'dangling_jump', 'dangling_branch',
  'unreachable_step', 'unbounded_loop', 'trigger_workflow_self', 'empty_branch',
  // Settings.
  'missing_setting', 'invalid_setting',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface WorkflowProblem {
  /** The step concerned, when there is one. */
  stepId?: string;
  /** Where in the definition (or file): `steps[2].branches[0].conditions[1].value`. */
  path: string;
  code: ProblemCode;
  message: string;
}

export type ProblemsOr<T> = ({ ok: true } & T) | { ok: false; problems: WorkflowProblem[] };

/** `['steps', 0, 'onFailure', 1]` → `steps[0].onFailure[1]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s)), '');
}

export function joinPath(parent: string, child: string): string {
  if (!parent) return child;
  return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}
