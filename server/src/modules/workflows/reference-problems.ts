import { RESERVED_FIELD_KEYS } from '../contacts/contact-fields.schemas.js';
import type { WorkflowDefinition } from './definition/workflow-definition.js';
import { workflowReferences } from './definition/workflow-references.js';
import { walkSteps } from './definition/walk-steps.js';
import { formatPath, type WorkflowProblem } from './definition/workflow-problems.js';
import type { ExistingReferences, ReferenceLookup } from './workflow-references.repo.js';

/**
 * What a definition names that the workspace does not have (a deleted team, a field never created, ids from
 * another workspace's export), as problems pointing at each place that names it. Contact tags are free (a workflow
 * may create them); tags put on conversations come from the workspace's tag list, so those are checked.
 */

type Kind = keyof ExistingReferences;

/** Contact properties every contact has; any other field name must be a defined custom field. */
const BUILT_IN_FIELDS = new Set([...RESERVED_FIELD_KEYS, 'lifecycle']);
const isBuiltInField = (key: string) => BUILT_IN_FIELDS.has(key.trim().toLowerCase());

/** The definition's keys that hold each kind of reference (schemas in definition/). */
const KIND_OF_KEY: Record<string, Kind> = {
  userId: 'userIds', mentions: 'userIds',
  teamId: 'teamIds', teamIds: 'teamIds',
  channelId: 'channelIds',
  workflowId: 'workflowIds',
  field: 'contactFieldKeys', fields: 'contactFieldKeys', contactField: 'contactFieldKeys',
  category: 'closingCategories', categories: 'closingCategories',
};

const missingMessage: Record<Kind, (v: string | number) => string> = {
  userIds: (v) => `No active member with id ${v} in this workspace`,
  teamIds: (v) => `No team with id ${v} in this workspace`,
  channelIds: (v) => `No channel with id ${v} in this workspace`,
  workflowIds: (v) => `No workflow with id ${v} in this workspace`,
  contactFieldKeys: (v) => `No contact field "${v}": create it in the contact fields settings`,
  closingCategories: (v) => `No closing category "${v}" in this workspace`,
  conversationTags: (v) => `No tag "${v}" in this workspace's tag list: create it in the tags settings`,
};

/** The custom things to look up: contact fields without the built-in ones. */
export function referencesToCheck(def: WorkflowDefinition): ReferenceLookup {
  const refs = workflowReferences(def);
  return {
    userIds: refs.userIds,
    teamIds: refs.teamIds,
    channelIds: refs.channelIds,
    workflowIds: refs.workflowIds,
    contactFieldKeys: refs.contactFields.filter((f) => !isBuiltInField(f)),
    closingCategories: refs.closingCategories,
    conversationTags: [...new Set(conversationTagSteps(def).flatMap((v) => v.tags))],
  };
}

/** The add-tags steps that tag the conversation, with where their tags sit. */
function conversationTagSteps(def: WorkflowDefinition): { id: string; path: string; tags: string[] }[] {
  return walkSteps(def.steps).flatMap(({ step, path }) => (step.type === 'add_tags' && step.scope === 'conversation' ? [{ id: step.id, path, tags: step.tags }] : []));
}

function isMissing(kind: Kind, value: unknown, existing: ExistingReferences): value is string | number {
  if (value === null || value === undefined || value === '') return false;
  if (kind === 'contactFieldKeys') return typeof value === 'string' && !isBuiltInField(value) && !existing.contactFieldKeys.has(value);
  return !(existing[kind] as Set<unknown>).has(value);
}

/** The id of the innermost step whose path `path` lies in. */
function stepIdFor(def: WorkflowDefinition, path: string): string | undefined {
  let best: { id: string; length: number } | undefined;
  for (const v of walkSteps(def.steps)) {
    const inside = path === v.path || path.startsWith(`${v.path}.`) || path.startsWith(`${v.path}[`);
    if (inside && (!best || v.path.length > best.length)) best = { id: v.step.id, length: v.path.length };
  }
  return best?.id;
}

type Visit = { node: unknown; at: PropertyKey[]; kind?: Kind };

export function referenceProblems(def: WorkflowDefinition, existing: ExistingReferences): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const stack: Visit[] = [{ node: def, at: [] }];
  while (stack.length) {
    const { node, at, kind } = stack.pop()!;
    if (kind) {
      if (!isMissing(kind, node, existing)) continue;
      const path = formatPath(at);
      const stepId = stepIdFor(def, path);
      problems.push({ ...(stepId ? { stepId } : {}), path, code: 'invalid_setting', message: missingMessage[kind](node) });
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const next: Visit[] = [];
    for (const [key, value] of Object.entries(node)) {
      const here = [...at, Array.isArray(node) ? Number(key) : key];
      const held = Array.isArray(node) ? undefined : KIND_OF_KEY[key];
      if (!held) next.push({ node: value, at: here });
      else if (Array.isArray(value)) value.forEach((v, i) => next.push({ node: v, at: [...here, i], kind: held }));
      else next.push({ node: value, at: here, kind: held });
    }
    // Pushed backwards so they come off the stack in document order.
    stack.push(...next.reverse());
  }
  for (const step of conversationTagSteps(def)) {
    step.tags.forEach((tag, i) => {
      if (tag && !existing.conversationTags.has(tag)) problems.push({ stepId: step.id, path: `${step.path}.tags[${i}]`, code: 'invalid_setting', message: missingMessage.conversationTags(tag) });
    });
  }
  return problems;
}
