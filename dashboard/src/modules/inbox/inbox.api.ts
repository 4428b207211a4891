import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { SavedViewFilters } from './inbox-filters';

export interface ChannelOption {
  id: number;
  type: string;
  name: string;
  active: boolean;
}
export interface TeamOption {
  id: number;
  name: string;
  memberIds: number[];
}
export interface TagOption {
  id: number;
  name: string;
  color: string;
}
export interface UserOption {
  id: number;
  name: string;
  email: string;
  avatarUrl: string | null;
  active: boolean;
  teamIds: number[];
}

export interface SavedView {
  id: number;
  name: string;
  filters: SavedViewFilters;
  shared: boolean;
  owner: { id: number; name: string };
  mine: boolean;
}

interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every page of a small catalogue (channels, teams, tags, members): the side bar and the filters list them all. */
async function all<T>(path: string, limit: number, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: ListPage<T> = await api<ListPage<T>>(path, { query: { limit, cursor }, signal });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export const inboxKeys = {
  // Under each resource's root key, so whoever invalidates ['channels'] (the settings) refreshes these too.
  channels: ['channels', 'inbox-catalogue'] as const,
  teams: ['teams', 'inbox-catalogue'] as const,
  tags: ['tags', 'inbox-catalogue'] as const,
  users: ['users', 'inbox-catalogue'] as const,
  views: ['views', 'inbox'] as const,
};

const CATALOGUE_STALE_MS = 5 * 60_000;

export const useChannels = () =>
  useQuery({ queryKey: inboxKeys.channels, queryFn: ({ signal }) => all<ChannelOption>('/channels', 200, signal), staleTime: CATALOGUE_STALE_MS });
export const useTeams = () =>
  useQuery({ queryKey: inboxKeys.teams, queryFn: ({ signal }) => all<TeamOption>('/teams', 500, signal), staleTime: CATALOGUE_STALE_MS });
export const useTags = () =>
  useQuery({ queryKey: inboxKeys.tags, queryFn: ({ signal }) => all<TagOption>('/tags', 500, signal), staleTime: CATALOGUE_STALE_MS });
export const useUsers = () =>
  useQuery({ queryKey: inboxKeys.users, queryFn: ({ signal }) => all<UserOption>('/users', 200, signal), staleTime: CATALOGUE_STALE_MS });

export const useSavedViews = () =>
  useQuery({ queryKey: inboxKeys.views, queryFn: ({ signal }) => api<{ items: SavedView[] }>('/views', { signal }).then((r) => r.items) });

export const createView = (body: { name: string; filters: SavedViewFilters; shared: boolean }) => api<SavedView>('/views', { method: 'POST', body });
export const updateView = (id: number, body: Partial<{ name: string; filters: SavedViewFilters; shared: boolean }>) =>
  api<SavedView>(`/views/${id}`, { method: 'PATCH', body });
export const deleteView = (id: number) => api<unknown>(`/views/${id}`, { method: 'DELETE' });
