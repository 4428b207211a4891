import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useChannels, type Channel } from '../../settings/channels.api';
import { useClosingCategories, useTags, type ClosingCategory, type Tag } from '../../settings/catalogue.api';
import { useContactFields, type ContactField } from '../../settings/contact-fields.api';
import { useMembers, type Member } from '../../settings/members.api';
import { useTeams, type Team } from '../../settings/teams.api';
import { useWorkflows, type WorkflowSummary } from '../workflows.api';
import type { WorkflowDefinition, WorkflowProblem } from '../workflow-types';
import { stepPathOf } from './definition-edit';
import { variableGroups, type VariableGroup } from './template-variables';

/** What the workspace holds that steps pick from; a list that failed to load is empty (the field stays usable). */
export interface Directory {
  members: Member[];
  teams: Team[];
  contactFields: ContactField[];
  closingCategories: ClosingCategory[];
  channels: Channel[];
  tags: Tag[];
  workflows: WorkflowSummary[];
}

export interface EditorContextValue {
  definition: WorkflowDefinition;
  workflowId: number;
  readOnly: boolean;
  directory: Directory;
  variables: VariableGroup[];
  /** The problems whose path points into the step at this path (not into its nested steps). */
  problemsOfStep: (stepPath: string) => WorkflowProblem[];
  /** The problems of the trigger (`trigger.…`). */
  triggerProblems: WorkflowProblem[];
}

const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside the workflow editor');
  return value;
}

const NONE: never[] = [];

export function useDirectory(): Directory {
  const members = useMembers();
  const teams = useTeams();
  const contactFields = useContactFields();
  const closingCategories = useClosingCategories();
  const channels = useChannels();
  const tags = useTags();
  const workflows = useWorkflows();
  return useMemo(
    () => ({
      members: members.data ?? NONE,
      teams: teams.data ?? NONE,
      contactFields: contactFields.data ?? NONE,
      closingCategories: closingCategories.data ?? NONE,
      channels: channels.data ?? NONE,
      tags: tags.data ?? NONE,
      workflows: workflows.data ?? NONE,
    }),
    [members.data, teams.data, contactFields.data, closingCategories.data, channels.data, tags.data, workflows.data],
  );
}

export function EditorProvider({
  definition,
  workflowId,
  readOnly,
  problems,
  children,
}: {
  definition: WorkflowDefinition;
  workflowId: number;
  readOnly: boolean;
  problems: WorkflowProblem[];
  children: ReactNode;
}) {
  const directory = useDirectory();
  const fieldKeys = directory.contactFields.map((f) => f.key).join('\n');
  const variables = useMemo(() => variableGroups(definition, fieldKeys ? fieldKeys.split('\n') : []), [definition, fieldKeys]);
  const value = useMemo<EditorContextValue>(() => {
    const byStep = new Map<string, WorkflowProblem[]>();
    for (const p of problems) {
      const at = stepPathOf(p.path);
      if (at) byStep.set(at, [...(byStep.get(at) ?? []), p]);
    }
    return {
      definition,
      workflowId,
      readOnly,
      directory,
      variables,
      problemsOfStep: (stepPath) => byStep.get(stepPath) ?? [],
      triggerProblems: problems.filter((p) => p.path.replace(/^definition\./, '').startsWith('trigger')),
    };
  }, [definition, workflowId, readOnly, problems, variables, directory]);
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}
