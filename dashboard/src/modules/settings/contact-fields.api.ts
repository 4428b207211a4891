import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export const contactFieldTypes = ['text', 'number', 'date', 'select', 'checkbox'] as const;
export type ContactFieldType = (typeof contactFieldTypes)[number];

export interface ContactField {
  id: number;
  key: string;
  label: string;
  type: ContactFieldType;
  options: string[];
  required: boolean;
  position: number;
}

export type ContactFieldInput = Omit<ContactField, 'id'>;

export const contactFieldsKey = ['contact-fields'] as const;

export function useContactFields() {
  return useQuery({
    queryKey: contactFieldsKey,
    queryFn: async ({ signal }) => (await api<{ items: ContactField[] }>('/contact-fields', { signal })).items,
    select: (items) => [...items].sort((a, b) => a.position - b.position || a.id - b.id),
    staleTime: 30_000,
  });
}

export function useSaveContactField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<ContactFieldInput> & { id?: number }) =>
      id ? api<ContactField>(`/contact-fields/${id}`, { method: 'PATCH', body }) : api<ContactField>('/contact-fields', { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contactFieldsKey }),
  });
}

export function useDeleteContactField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/contact-fields/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contactFieldsKey }),
  });
}
