import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api-client';
import { PROBLEM_CODES, type WorkflowProblem } from './workflow-types';

/**
 * Problems in people's words: the server's `message` is English for logs, so the text is chosen by `code`, with
 * the setting the path ends in (`steps[0].message.text` → "Texto").
 */
export function problemText(t: TFunction, problem: WorkflowProblem): string {
  const code = (PROBLEM_CODES as readonly string[]).includes(problem.code) ? problem.code : 'invalid_shape';
  const what = t(`workflows.problems.codes.${code}`);
  const field = lastField(problem.path);
  if (!field || (code !== 'missing_setting' && code !== 'invalid_setting' && code !== 'invalid_shape')) return what;
  return `${what}: ${t(`workflows.fields.${field}`, { defaultValue: field })}`;
}

/** The last named segment of a path, skipping indexes: `steps[1].headers[0].name` → `name`. */
function lastField(path: string): string | null {
  const names = path.replace(/\[\d+\]/g, '').split('.').filter(Boolean);
  const last = names.at(-1);
  return last && last !== 'steps' ? last : null;
}

const isProblemDetail = (d: unknown): d is Record<string, unknown> =>
  typeof d === 'object' && d !== null && (PROBLEM_CODES as readonly string[]).includes(String((d as { code?: unknown }).code));

/**
 * The workflow problems a refused publish, test run, save or import names (`details: [{ field, path, code, message }]`);
 * null for other failures (a plain validation error names fields without a problem code).
 */
export function problemsOf(err: unknown): WorkflowProblem[] | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return null;
  const problems = err.details
    .filter(isProblemDetail)
    .map((d) => ({
      path: String(d.path ?? d.field ?? '').replace(/^(body\.)?(file\.)?/, ''),
      code: String(d.code),
      message: String(d.message ?? ''),
      ...(typeof d.stepId === 'string' && { stepId: d.stepId }),
    }));
  return problems.length ? problems : null;
}
