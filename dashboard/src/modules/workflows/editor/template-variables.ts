import type { WorkflowDefinition } from '../workflow-types';
import { allSteps } from './definition-edit';

/** The `{{…}}` placeholders a text may use (render-template.ts on the server), grouped for the picker. */
export interface VariableGroup {
  group: 'contact' | 'customFields' | 'conversation' | 'collected';
  paths: string[];
}

const BUILT_IN: VariableGroup[] = [
  {
    group: 'contact',
    paths: ['contact.name', 'contact.first_name', 'contact.phone', 'contact.email', 'contact.document_number', 'contact.language', 'contact.lifecycle', 'contact.tags'],
  },
  { group: 'conversation', paths: ['conversation.id', 'agent.name', 'agent.first_name', 'agent.email', 'team.name', 'workspace.name'] },
];

/** Names of the variables a run of this definition collects: answers, HTTP response values, webhook values. */
export function collectedVariables(def: WorkflowDefinition): string[] {
  const names = new Set<string>();
  if (def.trigger.type === 'incoming_webhook') def.trigger.variables.forEach((v) => v.variable && names.add(v.variable));
  for (const { step } of allSteps(def.steps)) {
    if (step.type === 'ask_question' && step.saveTo && 'variable' in step.saveTo && step.saveTo.variable) names.add(step.saveTo.variable);
    if (step.type === 'http_request') step.saveResponse.forEach((r) => r.variable && names.add(r.variable));
  }
  return [...names];
}

export function variableGroups(def: WorkflowDefinition, customFieldKeys: string[]): VariableGroup[] {
  const groups: VariableGroup[] = [
    BUILT_IN[0]!,
    { group: 'customFields', paths: customFieldKeys.map((key) => `contact.fields.${key}`) },
    BUILT_IN[1]!,
    { group: 'collected', paths: collectedVariables(def).map((name) => `vars.${name}`) },
  ];
  return groups.filter((g) => g.paths.length > 0);
}

/** `value` with `{{path}}` put in place of the selection [start, end). */
export function insertPlaceholder(value: string, path: string, start = value.length, end = start): { value: string; caret: number } {
  const token = `{{${path}}}`;
  return { value: value.slice(0, start) + token + value.slice(end), caret: start + token.length };
}
