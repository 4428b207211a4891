import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { fetchAll } from './fetch-all';
import { memberKeys } from './members.api';
import type { BusinessHours } from './business-hours-editor';

export type AssignmentPolicy = 'manual' | 'round_robin' | 'least_busy';
export type MemberStatus = 'online' | 'away' | 'busy' | 'offline';

/** How the team's queue is served (the server's `teamRouting`). */
export interface TeamRouting {
  policy: AssignmentPolicy;
  assignStatuses: MemberStatus[];
  maxPerAgent: number | null;
  reassignAfterMinutes: number | null;
  returnWhenOffline: boolean;
  businessHours: BusinessHours | null;
}

export interface Team {
  id: number;
  name: string;
  description: string;
  memberIds: number[];
  routing: TeamRouting;
  createdAt: string;
}

export const teamsKey = ['settings', 'teams'] as const;

export function useTeams() {
  return useQuery({ queryKey: teamsKey, queryFn: ({ signal }) => fetchAll<Team>('/teams', 500, signal), staleTime: 30_000 });
}

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: number; name: string; description: string }) =>
      id ? api<{ team: Team }>(`/teams/${id}`, { method: 'PATCH', body }) : api<{ team: Team }>('/teams', { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}

export function useSaveTeamRouting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, routing }: { id: number; routing: TeamRouting }) => api<{ team: Team }>(`/teams/${id}`, { method: 'PATCH', body: { routing } }),
    onSuccess: ({ team }) => queryClient.setQueryData<Team[]>(teamsKey, (list) => list?.map((t) => (t.id === team.id ? team : t))),
  });
}

export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/teams/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamsKey });
      void queryClient.invalidateQueries({ queryKey: memberKeys.members });
    },
  });
}

export function useSetTeamMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, userIds }: { id: number; userIds: number[] }) => api<{ team: Team }>(`/teams/${id}/members`, { method: 'PUT', body: { userIds } }),
    onSuccess: ({ team }) => {
      queryClient.setQueryData<Team[]>(teamsKey, (list) => list?.map((t) => (t.id === team.id ? team : t)));
      void queryClient.invalidateQueries({ queryKey: memberKeys.members });
    },
  });
}
