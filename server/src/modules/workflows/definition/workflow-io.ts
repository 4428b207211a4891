import { z } from 'zod';
import type { WorkflowDefinition } from './workflow-definition.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseWorkflowDefinition, schemaProblems } from './parse-workflow-definition.js';
import { walkSteps } from './walk-steps.js';
import { isLiteralSecret, redactUrlSecrets } from './secret-settings.js';
import type { ProblemsOr, WorkflowProblem } from './workflow-problems.js';

/**
 * A workflow as a file to move between workspaces or keep as a copy. Import keeps everything as written (ids
 * included) and lands as a draft: publishing validates it, and the use case checks the ids it refers to.
 */

export const WORKFLOW_FILE_VERSION = 1;

export interface WorkflowFile {
  atiende: 'workflow';
  version: typeof WORKFLOW_FILE_VERSION;
  name: string;
  description: string;
  definition: WorkflowDefinition;
}

export interface ImportedWorkflow {
  name: string;
  description: string;
  definition: WorkflowDefinition;
}

export interface ExportOptions {
  /** Keep header values and URL parameters that look like credentials (a private backup). Off by default. */
  includeSecrets?: boolean;
}

/** Credentials out of HTTP steps, so a shared file does not leak them; validation asks for them again. */
function withoutSecrets(definition: WorkflowDefinition): WorkflowDefinition {
  const copy = structuredClone(definition);
  for (const { step } of walkSteps(copy.steps)) {
    if (step.type !== 'http_request') continue;
    step.url = redactUrlSecrets(step.url);
    for (const header of step.headers) if (isLiteralSecret(header.name, header.value)) header.value = '';
  }
  return copy;
}

export function exportWorkflow(
  row: { name: string; description?: string | null; definition: WorkflowDefinition },
  options: ExportOptions = {},
): WorkflowFile {
  return {
    atiende: 'workflow',
    version: WORKFLOW_FILE_VERSION,
    name: row.name,
    description: row.description ?? '',
    definition: options.includeSecrets ? structuredClone(row.definition) : withoutSecrets(row.definition),
  };
}

const fileMeta = z.object({
  name: z.string().trim().min(1, 'Give the workflow a name').max(120),
  description: z.string().trim().max(1000).nullable().default(''),
});

const problem = (path: string, code: WorkflowProblem['code'], message: string) => ({ ok: false as const, problems: [{ path, code, message }] });

function versionProblem(version: unknown, path: string) {
  if (version === WORKFLOW_FILE_VERSION) return undefined;
  const newer = typeof version === 'number' && version > WORKFLOW_FILE_VERSION;
  return problem(path, 'unsupported_version', newer
    ? `This file uses format version ${version}, made by a newer Atiende; this one reads version ${WORKFLOW_FILE_VERSION}`
    : `Unknown format version ${JSON.stringify(version) ?? 'missing'}; this Atiende reads version ${WORKFLOW_FILE_VERSION}`);
}

/** An uploaded file (its text or its parsed JSON) as a workflow to save as a draft, or what is wrong with it. */
export function parseWorkflowImport(input: unknown): ProblemsOr<ImportedWorkflow> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      return problem('', 'not_json', 'The file is not JSON');
    }
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json) || (json as { atiende?: unknown }).atiende !== 'workflow') {
    return problem('', 'not_a_workflow_file', 'This is not an Atiende workflow file');
  }
  if (nestsDeeperThan(json, MAX_JSON_DEPTH + 2)) return problem('', 'too_deep', `The file nests more than ${MAX_JSON_DEPTH} levels deep`);
  const file = json as { version?: unknown; definition?: unknown };
  const unsupported = versionProblem(file.version, 'version')
    ?? (file.definition !== null && typeof file.definition === 'object' ? versionProblem((file.definition as { version?: unknown }).version, 'definition.version') : undefined);
  if (unsupported) return unsupported;

  const meta = fileMeta.safeParse(json);
  const definition = parseWorkflowDefinition(file.definition, ['definition']);
  const problems = [...(meta.success ? [] : schemaProblems(meta.error, json)), ...(definition.ok ? [] : definition.problems)];
  if (!meta.success || !definition.ok) return { ok: false, problems };
  return { ok: true, name: meta.data.name, description: meta.data.description ?? '', definition: definition.definition };
}
