import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { StepType } from './workflow-types';
import { workflowKeys } from './workflows.api';

export const RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const STEP_OUTCOMES = ['ok', 'failed', 'waiting', 'timeout', 'skipped', 'branch'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** GET /workflows/:id/runs item. */
export interface WorkflowRun {
  id: number;
  version: number;
  status: RunStatus;
  contact: { id: number; name: string } | null;
  conversationId: number | null;
  test: boolean;
  error: string | null;
  stepsRun: number;
  cursor: { stepId: string; waiting?: { for: string; until: string | null } } | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface RunStepLog {
  id: number;
  stepId: string;
  stepType: StepType | string;
  outcome: StepOutcome | string;
  detail: Record<string, unknown>;
  at: string;
}

/** GET /workflow-runs/:runId. */
export interface WorkflowRunDetail extends WorkflowRun {
  steps: RunStepLog[];
  vars: Record<string, unknown>;
}

export const isLive = (status: RunStatus) => status === 'running' || status === 'waiting';

export const runKeys = {
  list: (workflowId: number, status: string, before: number | null) => ['workflows', 'runs', workflowId, status, before] as const,
  detail: (runId: number) => ['workflows', 'run', runId] as const,
  shortcuts: (conversationId: number) => ['workflows', 'shortcuts', conversationId] as const,
};

/** One page of runs, newest first; `before` is the previous page's `nextBefore`. */
export function useWorkflowRuns(workflowId: number, status: RunStatus | null, before: number | null) {
  return useQuery({
    queryKey: runKeys.list(workflowId, status ?? 'all', before),
    queryFn: ({ signal }) =>
      api<{ items: WorkflowRun[]; nextBefore: number | null }>(`/workflows/${workflowId}/runs`, { query: { status, before, limit: 50 }, signal }),
  });
}

/** One run with its step log, read again every second while it is running or waiting. */
export function useWorkflowRun(runId: number | null) {
  return useQuery({
    queryKey: runKeys.detail(runId ?? 0),
    queryFn: ({ signal }) => api<WorkflowRunDetail>(`/workflow-runs/${runId}`, { signal }),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data && isLive(query.state.data.status) ? 1000 : false),
  });
}

export function useTestRun(workflowId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { contactId: number; conversationId?: number }) => api<WorkflowRun>(`/workflows/${workflowId}/test-run`, { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['workflows', 'runs', workflowId] }),
  });
}

/** The published shortcut workflows this agent may run on a conversation. */
export function useConversationWorkflows(conversationId: number) {
  return useQuery({
    queryKey: runKeys.shortcuts(conversationId),
    queryFn: async ({ signal }) => (await api<{ items: Array<{ id: number; name: string }> }>(`/conversations/${conversationId}/workflows`, { signal })).items,
    staleTime: 60_000,
    retry: false,
  });
}

export function useRunConversationWorkflow(conversationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workflowId: number) => api<{ runId: number }>(`/conversations/${conversationId}/workflows/${workflowId}/run`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workflowKeys.list }),
  });
}
