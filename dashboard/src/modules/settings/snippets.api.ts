import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export type SnippetScope = 'workspace' | 'team' | 'personal';
/** What sending the snippet also does: `resume_bot` hands the conversation back to the bot. */
export type SnippetAction = 'resume_bot';

export interface Snippet {
  id: number;
  shortcut: string;
  title: string;
  body: string;
  scope: SnippetScope;
  /** The team that shares it (scope `team`). */
  team: { id: number; name: string } | null;
  action: SnippetAction | null;
  createdBy: { id: number; name: string } | null;
  updatedAt: string;
}

export interface SnippetInput {
  shortcut: string;
  title: string;
  body: string;
  scope: SnippetScope;
  /** With scope `team`, at creation. */
  teamId?: number;
  /** Sent only when it changes (a new snippet without one leaves it out). */
  action?: SnippetAction | null;
}

/** The variables a snippet body may use (custom contact fields add `contact.<key>`). */
export const snippetVariables = [
  'contact.name',
  'contact.first_name',
  'contact.email',
  'contact.phone',
  'contact.document_number',
  'agent.name',
  'agent.first_name',
  'agent.email',
  'team.name',
  'workspace.name',
  'conversation.id',
] as const;

export const snippetsKey = ['snippets'] as const;

/** The workspace's snippets and my personal ones (the composer's `/` menu reads the same list). */
export function useSnippets() {
  return useQuery({
    queryKey: snippetsKey,
    queryFn: async ({ signal }) => (await api<{ items: Snippet[] }>('/snippets', { signal })).items,
    staleTime: 30_000,
  });
}

export function useSaveSnippet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, scope, ...fields }: SnippetInput & { id?: number }) =>
      id ? api<Snippet>(`/snippets/${id}`, { method: 'PATCH', body: fields }) : api<Snippet>('/snippets', { body: { ...fields, scope } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: snippetsKey }),
  });
}

export function useDeleteSnippet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/snippets/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => queryClient.setQueryData<Snippet[]>(snippetsKey, (list) => list?.filter((s) => s.id !== id)),
  });
}
