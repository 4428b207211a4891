import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export const formFieldTypes = ['text', 'number', 'select', 'date', 'checkbox'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** One field of a team's form (GET/PUT /teams/:id/form), in the order it is shown. */
export interface FormField {
  key: string;
  label: string;
  type: FormFieldType;
  options: string[];
  required: boolean;
}

export interface TeamForm {
  teamId: number;
  fields: FormField[];
}

/** Most fields a form holds (the server's limit). */
export const MAX_FORM_FIELDS = 30;

export const teamFormKey = (teamId: number) => ['settings', 'teams', teamId, 'form'] as const;

export function useTeamForm(teamId: number) {
  return useQuery({ queryKey: teamFormKey(teamId), queryFn: ({ signal }) => api<TeamForm>(`/teams/${teamId}/form`, { signal }), enabled: teamId > 0 });
}

/** Replaces the whole form; the answer is the saved form. */
export function useSaveTeamForm(teamId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: FormField[]) => api<TeamForm>(`/teams/${teamId}/form`, { method: 'PUT', body: { fields } }),
    onSuccess: (form) => queryClient.setQueryData(teamFormKey(teamId), form),
  });
}
