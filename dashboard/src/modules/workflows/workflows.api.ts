import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { TriggerType, WorkflowDefinition, WorkflowProblem } from './workflow-types';

export type WorkflowStatus = 'draft' | 'published' | 'stopped';

/** GET /workflows item. */
export interface WorkflowSummary {
  id: number;
  name: string;
  description: string;
  status: WorkflowStatus;
  /** The published version's number; 0: never published. */
  version: number;
  /** The draft's trigger type. */
  triggerType: TriggerType | null;
  hasUnpublishedChanges: boolean;
  runs: { active: number; total: number };
  updatedAt: string;
  publishedAt: string | null;
}

export interface Workflow extends WorkflowSummary {
  draft: WorkflowDefinition;
  published: WorkflowDefinition | null;
  /** The incoming webhook's URL with its token (admins, incoming_webhook triggers only). */
  hookUrl: string | null;
  /** What publishing would refuse in the draft; empty when it is ready. */
  problems: WorkflowProblem[];
}

export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  triggerType: TriggerType;
  /** Templates meant to be used together share a group. */
  group?: string | null;
}

export interface WorkflowInput {
  name: string;
  description?: string;
  definition?: WorkflowDefinition;
  templateId?: string;
  /** The template's language. */
  lang?: 'es' | 'en';
}

export const workflowKeys = {
  all: ['workflows'] as const,
  list: ['workflows', 'list'] as const,
  detail: (id: number) => ['workflows', 'detail', id] as const,
  templates: (lang: string) => ['workflows', 'templates', lang] as const,
};

export function useWorkflows() {
  return useQuery({
    queryKey: workflowKeys.list,
    queryFn: async ({ signal }) => (await api<{ items: WorkflowSummary[] }>('/workflows', { signal })).items,
    staleTime: 15_000,
  });
}

export function useWorkflow(id: number) {
  return useQuery({ queryKey: workflowKeys.detail(id), queryFn: ({ signal }) => api<Workflow>(`/workflows/${id}`, { signal }) });
}

export function useWorkflowTemplates(lang: string, enabled: boolean) {
  return useQuery({
    queryKey: workflowKeys.templates(lang),
    queryFn: async ({ signal }) => (await api<{ items: WorkflowTemplate[] }>('/workflow-templates', { query: { lang }, signal })).items,
    enabled,
    staleTime: Infinity,
  });
}

/** A workflow the server answered: its detail is cached and the list refetches (counts and status). */
function useWorkflowChanged() {
  const queryClient = useQueryClient();
  return (workflow: Workflow) => {
    queryClient.setQueryData(workflowKeys.detail(workflow.id), workflow);
    void queryClient.invalidateQueries({ queryKey: workflowKeys.list });
  };
}

export function useCreateWorkflow() {
  const changed = useWorkflowChanged();
  return useMutation({ mutationFn: (input: WorkflowInput) => api<Workflow>('/workflows', { body: input }), onSuccess: changed });
}

export function useImportWorkflow() {
  const changed = useWorkflowChanged();
  return useMutation({ mutationFn: (file: unknown) => api<Workflow>('/workflows/import', { body: { file } }), onSuccess: changed });
}

export function useSaveWorkflow(id: number) {
  const changed = useWorkflowChanged();
  return useMutation({
    mutationFn: (changes: { name?: string; description?: string; definition?: WorkflowDefinition }) =>
      api<Workflow>(`/workflows/${id}`, { method: 'PATCH', body: changes }),
    onSuccess: changed,
  });
}

/** Publish, stop or start: each answers the workflow as it now is. */
export function useWorkflowCommand(command: 'publish' | 'stop' | 'start') {
  const changed = useWorkflowChanged();
  return useMutation({ mutationFn: (id: number) => api<Workflow>(`/workflows/${id}/${command}`, { method: 'POST' }), onSuccess: changed });
}

export function useDeleteWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/workflows/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.setQueryData<WorkflowSummary[]>(workflowKeys.list, (list) => list?.filter((w) => w.id !== id));
      queryClient.removeQueries({ queryKey: workflowKeys.detail(id) });
    },
  });
}

export const fetchWorkflowExport = (id: number) => api<unknown>(`/workflows/${id}/export`);
