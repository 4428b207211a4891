import fs from 'node:fs';
import { parseWorkflowDefinition } from '../parse-workflow-definition.js';
import type { WorkflowDefinition } from '../workflow-definition.js';

/** A definition from raw JSON (defaults filled by the schema); throws with the problems when the shape is wrong. */
export function buildDefinition(steps: unknown[], trigger: Record<string, unknown> = { type: 'conversation_opened' }): WorkflowDefinition {
  const parsed = parseWorkflowDefinition({ version: 1, trigger, steps });
  if (!parsed.ok) throw new Error(`Bad test definition: ${JSON.stringify(parsed.problems)}`);
  return parsed.definition;
}

export const FIXTURES = ['out-of-hours', 'crm-handoff'] as const;

/** A fixture file's text, as a user would upload it. */
export function fixtureText(name: (typeof FIXTURES)[number]): string {
  return fs.readFileSync(new URL(`./${name}.workflow.json`, import.meta.url), 'utf8');
}
