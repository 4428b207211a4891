import type { z } from 'zod';
import { workflowDefinition, type WorkflowDefinition } from './workflow-definition.js';
import { formatPath, type ProblemsOr, type WorkflowProblem } from './workflow-problems.js';

/**
 * JSON nesting allowed before the schema runs. The schema recurses once per level, so a hostile document
 * nested thousands deep would overflow the stack; a legitimate one (20 step levels) needs under 100.
 */
export const MAX_JSON_DEPTH = 200;

const STEP_LIST_KEYS = new Set(['steps', 'else', 'onFailure', 'onInvalid', 'onTimeout']);

/** Whether `value` nests arrays and objects deeper than `limit`; iterative, so it cannot overflow itself. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The id of the innermost step on `path` in the raw document, so shape problems point at a step too. */
function stepIdAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  let node = raw;
  let found: string | undefined;
  for (let i = 0; i < path.length && node !== null && typeof node === 'object'; i++) {
    node = (node as Record<PropertyKey, unknown>)[path[i]];
    const inStepList = typeof path[i] === 'number' && STEP_LIST_KEYS.has(String(path[i - 1]));
    const id = inStepList && node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') found = id;
  }
  return found;
}

/** Zod issues as workflow problems, paths prefixed with where the checked value sits (`definition` in a file). */
export function schemaProblems(error: z.ZodError, raw: unknown, prefix: readonly PropertyKey[] = []): WorkflowProblem[] {
  return error.issues.map((issue) => {
    const stepId = stepIdAt(raw, issue.path);
    return {
      ...(stepId ? { stepId } : {}),
      path: formatPath([...prefix, ...issue.path]),
      code: 'invalid_shape' as const,
      message: issue.message,
    };
  });
}

/** A definition as stored or sent by the builder: shape checked, defaults filled. Not yet validated for publishing. */
export function parseWorkflowDefinition(raw: unknown, prefix: readonly PropertyKey[] = []): ProblemsOr<{ definition: WorkflowDefinition }> {
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    return { ok: false, problems: [{ path: formatPath(prefix), code: 'too_deep', message: `The definition nests more than ${MAX_JSON_DEPTH} levels deep` }] };
  }
  const parsed = workflowDefinition.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, raw, prefix) };
  return { ok: true, definition: parsed.data };
}
