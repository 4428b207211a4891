import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { fetchAll } from './fetch-all';

export interface Tag {
  id: number;
  name: string;
  color: string;
  createdAt: string;
}

export interface ClosingCategory {
  id: number;
  name: string;
  createdAt: string;
}

export const tagsKey = ['settings', 'tags'] as const;
export const closingCategoriesKey = ['settings', 'closing-categories'] as const;

export function useTags() {
  return useQuery({ queryKey: tagsKey, queryFn: ({ signal }) => fetchAll<Tag>('/tags', 500, signal), staleTime: 30_000 });
}

export function useSaveTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: number; name: string; color: string }) =>
      id ? api<{ tag: Tag }>(`/tags/${id}`, { method: 'PATCH', body }) : api<{ tag: Tag }>('/tags', { body }),
    // A rename changes the tag on every conversation and contact: their screens refetch.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tagsKey }),
  });
}

export function useDeleteTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/tags/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => queryClient.setQueryData<Tag[]>(tagsKey, (list) => list?.filter((t) => t.id !== id)),
  });
}

export function useClosingCategories() {
  return useQuery({
    queryKey: closingCategoriesKey,
    queryFn: ({ signal }) => fetchAll<ClosingCategory>('/closing-categories', 500, signal),
    staleTime: 30_000,
  });
}

export function useSaveClosingCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id?: number; name: string }) =>
      id
        ? api<{ closingCategory: ClosingCategory }>(`/closing-categories/${id}`, { method: 'PATCH', body: { name } })
        : api<{ closingCategory: ClosingCategory }>('/closing-categories', { body: { name } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: closingCategoriesKey }),
  });
}

export function useDeleteClosingCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/closing-categories/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => queryClient.setQueryData<ClosingCategory[]>(closingCategoriesKey, (list) => list?.filter((c) => c.id !== id)),
  });
}
