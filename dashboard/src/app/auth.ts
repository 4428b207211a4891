import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api-client';

export type Role = 'owner' | 'admin' | 'supervisor' | 'agent';
export type AccessLevel = 'all' | 'team' | 'assigned';
/** What closing asks for: nothing, an optional note, a category, or a category and a summary. */
export type ClosingNotePolicy = 'disabled' | 'optional' | 'category' | 'category_and_summary';

export interface Me {
  user: { id: number; name: string; email: string; language: string };
  /** The session carries the whole workspace DTO; the settings below are what screens outside Settings read. */
  workspace: {
    id: number;
    name: string;
    timezone: string;
    language: string;
    onlyAssigneeReplies?: boolean;
    closingNotePolicy?: ClosingNotePolicy;
    autoAwayMinutes?: number;
  };
  role: Role;
  accessLevel: AccessLevel;
  teamIds: number[];
  workspaces: Array<{ id: number; name: string }>;
}

export const meKey = ['auth', 'me'] as const;
export const setupKey = ['setup'] as const;

/** The signed-in person, or null when there is no valid session. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await api<Me>('/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500 && err.status !== 0) && count < 2,
  });
}

/** Whether the installation still needs its first workspace (the first-run screen). */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => api<{ needed: boolean }>('/setup'),
    staleTime: Infinity,
  });
}

export async function login(email: string, password: string) {
  await api('/auth/login', { body: { email, password } });
}

/** Signs in and refreshes everything that depends on who is signed in. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ email, password }: { email: string; password: string }) => {
      await login(email, password);
      return api<Me>('/auth/me');
    },
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

/** Saves the language in the person's profile, so it follows them to other browsers and into their e-mails. */
export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: string) => api<{ user: Me['user'] }>('/profile', { method: 'PATCH', body: { language } }),
    onSuccess: ({ user }) => queryClient.setQueryData<Me | null>(meKey, (me) => (me ? { ...me, user: { ...me.user, ...user } } : me)),
  });
}

/**
 * Signs out and reloads on the login screen, even if the request failed: nothing loaded for this person stays in
 * memory for whoever uses the browser next.
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => api('/auth/logout', { method: 'POST' }),
    onSettled: () => window.location.replace('/login'),
  });
}

/**
 * After set-up, the demo or accepting an invitation the server may already have opened a session for this
 * person; when it has not (or the browser holds someone else's), sign in with the credentials just chosen.
 */
export async function ensureSignedIn(email: string, password: string): Promise<Me> {
  try {
    const me = await api<Me>('/auth/me');
    if (me.user.email.toLowerCase() === email.trim().toLowerCase()) return me;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  }
  await login(email, password);
  return api<Me>('/auth/me');
}
