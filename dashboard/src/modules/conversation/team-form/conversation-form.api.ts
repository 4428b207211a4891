import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import type { FormField } from '../../settings/team-form.api';

export type FormValue = string | number | boolean;
export type FormValues = Record<string, FormValue>;

/** GET /conversations/:id/form: the current team's form and values, and what earlier teams filled (kept per team). */
export interface ConversationForm {
  current: { teamId: number; fields: FormField[]; values: FormValues } | null;
  earlier: Array<{ teamId: number; teamName: string; fields: FormField[]; values: FormValues; updatedAt: string }>;
}

export const conversationFormKey = (conversationId: number) => ['conversations', 'form', conversationId] as const;

export function useConversationForm(conversationId: number) {
  return useQuery({
    queryKey: conversationFormKey(conversationId),
    queryFn: ({ signal }) => api<ConversationForm>(`/conversations/${conversationId}/form`, { signal }),
    enabled: conversationId > 0,
  });
}

/** Saves some values of one team's form (merged on the server; null clears); the answer is the whole form again. */
export function useSaveConversationForm(conversationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, values }: { teamId: number; values: Record<string, FormValue | null> }) =>
      api<ConversationForm>(`/conversations/${conversationId}/form`, { method: 'PUT', body: { teamId, values } }),
    onSuccess: (form) => queryClient.setQueryData(conversationFormKey(conversationId), form),
  });
}

/** The current team's required fields still empty (an unchecked required checkbox counts): what closing will ask for. */
export function missingRequired(form: ConversationForm | undefined): FormField[] {
  const current = form?.current;
  if (!current) return [];
  return current.fields.filter((f) => {
    if (!f.required) return false;
    const value = current.values[f.key];
    return f.type === 'checkbox' ? value !== true : value === undefined || String(value).trim() === '';
  });
}
