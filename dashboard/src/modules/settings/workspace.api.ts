import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { meKey, type ClosingNotePolicy, type Me } from '../../app/auth';

export interface Workspace {
  id: number;
  name: string;
  timezone: string;
  language: string;
  reopenWindowMinutes: number;
  onlyAssigneeReplies: boolean;
  closingNotePolicy: ClosingNotePolicy;
  closingMessage: string | null;
  closeResumesBot: boolean;
  /** An agent's reply to a conversation the bot has pauses the bot there. */
  agentReplyPausesBot: boolean;
  closeReleasesAssignee: boolean;
  autoAwayMinutes: number;
  autoOfflineMinutes: number;
  createdAt: string;
}

export type WorkspaceChanges = Partial<Omit<Workspace, 'id' | 'createdAt'>>;

export const workspaceKey = ['settings', 'workspace'] as const;

export function useWorkspace() {
  return useQuery({ queryKey: workspaceKey, queryFn: async ({ signal }) => (await api<{ workspace: Workspace }>('/workspace', { signal })).workspace });
}

export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: WorkspaceChanges) => api<{ workspace: Workspace }>('/workspace', { method: 'PATCH', body: changes }),
    onSuccess: ({ workspace }) => {
      queryClient.setQueryData(workspaceKey, workspace);
      // The header, the composer, the close dialog and presence read the workspace from the session.
      queryClient.setQueryData<Me | null>(meKey, (me) => (me ? { ...me, workspace: { ...me.workspace, ...workspace } } : me));
    },
  });
}
