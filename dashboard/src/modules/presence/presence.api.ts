import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { profileKey, type Profile } from '../profile/profile.api';
import type { PresenceStatus } from './presence-status';

/** Writes the person's current status into the cached profile (the header's dot reads it from there). */
export function rememberStatus(queryClient: ReturnType<typeof useQueryClient>, status: PresenceStatus) {
  queryClient.setQueryData<Profile>(profileKey, (profile) => (profile && profile.status !== status ? { ...profile, status } : profile));
}

export const sendHeartbeat = (idle: boolean) => api<{ status: PresenceStatus }>('/presence/heartbeat', { body: { idle } });

/** PUT /profile/status: the status chosen in the header's menu. */
export function useSetStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: PresenceStatus) => api<{ status: PresenceStatus }>('/profile/status', { method: 'PUT', body: { status } }),
    onSuccess: ({ status }) => rememberStatus(queryClient, status),
  });
}
