import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { AccessLevel, Role } from '../../app/auth';
import type { PresenceStatus } from '../presence/presence-status';
import { fetchAll } from './fetch-all';

export const roles: Role[] = ['owner', 'admin', 'supervisor', 'agent'];
export const accessLevels: AccessLevel[] = ['all', 'team', 'assigned'];

/** GET /users item. */
export interface Member {
  id: number;
  email: string;
  name: string;
  avatarUrl: string | null;
  language: string;
  role: Role;
  accessLevel: AccessLevel;
  active: boolean;
  teamIds: number[];
  joinedAt: string;
  status?: PresenceStatus;
  lastSeenAt?: string | null;
  /** Most open conversations routing assigns them, all teams together; null: no limit. */
  maxConversations?: number | null;
}

export interface Invitation {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  accessLevel: AccessLevel;
  teamIds: number[];
  invitedBy: number | null;
  expiresAt: string;
  createdAt: string;
}

export interface InviteInput {
  email: string;
  name?: string;
  role: Role;
  accessLevel: AccessLevel;
  teamIds: number[];
}

export interface MemberChanges {
  role?: Role;
  accessLevel?: AccessLevel;
  active?: boolean;
  teamIds?: number[];
  maxConversations?: number | null;
}

export const memberKeys = {
  members: ['settings', 'members'] as const,
  invitations: ['settings', 'invitations'] as const,
};

export function useMembers() {
  return useQuery({ queryKey: memberKeys.members, queryFn: ({ signal }) => fetchAll<Member>('/users', 200, signal), staleTime: 30_000 });
}

export function useInvitations(enabled: boolean) {
  return useQuery({ queryKey: memberKeys.invitations, queryFn: ({ signal }) => fetchAll<Invitation>('/invitations', 200, signal), enabled });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => api<{ invitation: Invitation; emailed: boolean }>('/invitations', { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: memberKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/invitations/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => queryClient.setQueryData<Invitation[]>(memberKeys.invitations, (list) => list?.filter((i) => i.id !== id)),
  });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: MemberChanges & { id: number }) => api<{ user: Member }>(`/users/${id}`, { method: 'PATCH', body: changes }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<Member[]>(memberKeys.members, (list) => list?.map((m) => (m.id === user.id ? { ...m, ...user } : m)));
      // Team membership is shown on the teams screen too.
      void queryClient.invalidateQueries({ queryKey: ['settings', 'teams'] });
    },
  });
}
