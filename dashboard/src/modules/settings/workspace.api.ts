import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { meKey, type Me } from '../../app/auth';

export interface Workspace {
  id: number;
  name: string;
  timezone: string;
  language: string;
  reopenWindowMinutes: number;
  createdAt: string;
}

export type WorkspaceChanges = Partial<Pick<Workspace, 'name' | 'timezone' | 'language' | 'reopenWindowMinutes'>>;

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
      // The header shows the workspace's name from the session.
      queryClient.setQueryData<Me | null>(meKey, (me) =>
        me ? { ...me, workspace: { ...me.workspace, name: workspace.name, timezone: workspace.timezone, language: workspace.language } } : me,
      );
    },
  });
}
