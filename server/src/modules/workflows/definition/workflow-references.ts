import type { Condition } from './workflow-conditions.js';
import type { WorkflowDefinition } from './workflow-definition.js';
import { walkSteps } from './walk-steps.js';

/**
 * Everything of the workspace a definition names, so publishing (or importing from another workspace) can
 * check in one query per kind that they exist: a definition alone cannot know.
 */
export interface WorkflowReferences {
  userIds: number[];
  teamIds: number[];
  channelIds: number[];
  workflowIds: number[];
  tags: string[];
  contactFields: string[];
  closingCategories: string[];
}

export function workflowReferences(def: WorkflowDefinition): WorkflowReferences {
  const sets = {
    userIds: new Set<number>(), teamIds: new Set<number>(), channelIds: new Set<number>(), workflowIds: new Set<number>(),
    tags: new Set<string>(), contactFields: new Set<string>(), closingCategories: new Set<string>(),
  };
  const add = <K extends keyof typeof sets>(key: K, values: (number | string | null | undefined)[]) => {
    for (const v of values) if (v !== null && v !== undefined && v !== '') (sets[key] as Set<typeof v>).add(v);
  };
  const fromConditions = (list: Condition[]) => list.forEach((c) => {
    if (c.kind === 'contact_field') add('contactFields', [c.field]);
    if (c.kind === 'tag') add('tags', [c.value]);
    if (c.kind === 'channel') add('channelIds', [c.channelId]);
    if (c.kind === 'business_hours') add('teamIds', [c.teamId]);
  });

  const t = def.trigger;
  fromConditions(t.conditions);
  if (t.type === 'conversation_closed') add('closingCategories', t.categories);
  if (t.type === 'contact_tag_updated') add('tags', t.tags);
  if (t.type === 'contact_field_updated') add('contactFields', t.fields);
  if (t.type === 'date') add('contactFields', [t.field]);
  if (t.type === 'schedule') add('tags', t.audienceTags);
  if (t.type === 'shortcut') add('teamIds', t.teamIds);

  for (const { step: s } of walkSteps(def.steps)) {
    if (s.type === 'branch') s.branches.forEach((b) => fromConditions(b.conditions));
    if (s.type === 'ask_question' && s.saveTo && 'contactField' in s.saveTo) add('contactFields', [s.saveTo.contactField]);
    if (s.type === 'assign') add(s.target.kind === 'agent' ? 'userIds' : 'teamIds', [s.target.kind === 'agent' ? s.target.userId : s.target.teamId]);
    if (s.type === 'add_tags' || s.type === 'remove_tags') add('tags', s.tags);
    if (s.type === 'update_contact_field') add('contactFields', [s.field]);
    if (s.type === 'close_conversation') add('closingCategories', [s.category]);
    if (s.type === 'add_note') add('userIds', s.mentions);
    if (s.type === 'wait' && s.until?.kind === 'business_hours') add('teamIds', [s.until.teamId]);
    if (s.type === 'trigger_workflow') add('workflowIds', [s.workflowId]);
  }
  return {
    userIds: [...sets.userIds], teamIds: [...sets.teamIds], channelIds: [...sets.channelIds], workflowIds: [...sets.workflowIds],
    tags: [...sets.tags], contactFields: [...sets.contactFields], closingCategories: [...sets.closingCategories],
  };
}
