import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, API_BASE, ApiError } from '../../app/api-client';
import { meKey, type Me } from '../../app/auth';
import type { PresenceStatus } from '../presence/presence-status';

export const notificationTypes = ['assigned', 'mentioned', 'new_message'] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** How one kind of notification reaches the person. */
export interface NotificationPref {
  inApp: boolean;
  browser: boolean;
  sound: boolean;
}
export type NotificationPreferences = Record<NotificationType, NotificationPref>;
/** PATCH /profile changes only the types and channels given. */
export type NotificationPreferencesPatch = Partial<Record<NotificationType, Partial<NotificationPref>>>;

/** GET /profile */
export interface Profile {
  id: number;
  email: string;
  name: string;
  avatarUrl: string | null;
  language: string;
  notificationPreferences: NotificationPreferences;
  status: PresenceStatus;
}

export interface ProfileChanges {
  name?: string;
  language?: string;
  currentPassword?: string;
  newPassword?: string;
  notificationPreferences?: NotificationPreferencesPatch;
}

export const profileKey = ['profile'] as const;

/** The server's defaults (everything on), for a profile that does not list a type yet. */
export const defaultPreferences: NotificationPreferences = {
  assigned: { inApp: true, browser: true, sound: true },
  mentioned: { inApp: true, browser: true, sound: true },
  new_message: { inApp: true, browser: true, sound: true },
};

/** The signed-in person's own profile, with preferences and activity status. */
export function useProfile() {
  return useQuery({
    queryKey: profileKey,
    queryFn: async () => (await api<{ user: Profile }>('/profile')).user,
    staleTime: 60_000,
  });
}

/** Keeps the session's copy of the person (header, menus) in step with the profile. */
function syncMe(queryClient: ReturnType<typeof useQueryClient>, user: Partial<Profile>) {
  queryClient.setQueryData<Me | null>(meKey, (me) =>
    me ? { ...me, user: { ...me.user, ...(user.name ? { name: user.name } : {}), ...(user.language ? { language: user.language } : {}) } } : me,
  );
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => api<{ user: Profile }>('/profile', { method: 'PATCH', body: changes }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<Profile>(profileKey, (old) => (old ? { ...old, ...user } : user));
      syncMe(queryClient, user);
    },
  });
}

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const avatarTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** Multipart upload: the JSON client cannot send files. Errors arrive as the same ApiError. */
async function uploadAvatar(file: File): Promise<{ user: Profile }> {
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/profile/avatar`, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message);
  }
  const data = (await response.json().catch(() => undefined)) as { user?: Profile; error?: { code?: string; message?: string; details?: unknown } } | undefined;
  if (!response.ok) {
    throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? response.statusText, data?.error?.details);
  }
  return data as { user: Profile };
}

export function useAvatar() {
  const queryClient = useQueryClient();
  const onSuccess = ({ user }: { user: Profile }) => queryClient.setQueryData<Profile>(profileKey, (old) => (old ? { ...old, ...user } : user));
  const upload = useMutation({ mutationFn: uploadAvatar, onSuccess });
  const remove = useMutation({ mutationFn: () => api<{ user: Profile }>('/profile/avatar', { method: 'DELETE' }), onSuccess });
  return { upload, remove };
}
