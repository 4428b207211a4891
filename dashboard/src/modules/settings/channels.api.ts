import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { fetchAll } from './fetch-all';
import type { BusinessHours } from './business-hours-editor';

export interface Channel {
  id: number;
  type: string;
  name: string;
  config: Record<string, unknown>;
  defaultTeamId: number | null;
  botEnabled: boolean;
  /** The bot that answers when `botEnabled`; null: the workspace's first bot. */
  botId?: number | null;
  active: boolean;
  /** Where the provider or the integration posts inbound traffic (`…/hooks/<type>/<id>`). */
  webhookUrl: string;
  hasSecret: boolean;
  /** Null: always open. */
  businessHours?: BusinessHours | null;
  /** What the channel's provider allows (null for an unknown type); `templates`: it has message templates to synchronise. */
  capabilities?: { templates: boolean } | null;
  createdAt: string;
}

/** Whether the provider took our webhook URL (Telegram's setWebhook); `not_needed` where it is configured by hand. */
export type ChannelConnection = { status: 'connected' | 'not_needed' } | { status: 'failed'; error: string };

/** Creation and rotation answer with the secret, once, and with the connection they attempted. */
export type ChannelWithSecret = Channel & { secret: string; connection?: ChannelConnection };

export interface ApiChannelInput {
  name: string;
  outboundUrl: string;
  defaultTeamId: number | null;
}

export interface ChannelChanges {
  id: number;
  name?: string;
  outboundUrl?: string;
  defaultTeamId?: number | null;
  active?: boolean;
  botId?: number | null;
  botEnabled?: boolean;
}

export const channelsKey = ['settings', 'channels'] as const;

export function useChannels() {
  return useQuery({ queryKey: channelsKey, queryFn: ({ signal }) => fetchAll<Channel>('/channels', 200, signal), staleTime: 30_000 });
}

/** Puts a created or changed channel into the cached list (without its once-shown secret). */
export function useReplaceInList() {
  const queryClient = useQueryClient();
  return (channel: Channel) =>
    queryClient.setQueryData<Channel[]>(channelsKey, (list) => {
      if (!list) return list;
      const { secret: _secret, ...rest } = channel as ChannelWithSecret;
      return list.some((c) => c.id === channel.id) ? list.map((c) => (c.id === channel.id ? rest : c)) : [...list, rest];
    });
}

export function useCreateApiChannel() {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: ({ name, outboundUrl, defaultTeamId }: ApiChannelInput) =>
      api<ChannelWithSecret>('/channels', { body: { type: 'api', name, config: { outboundUrl }, defaultTeamId } }),
    onSuccess: replace,
  });
}

export function useUpdateChannel() {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: ({ id, name, outboundUrl, defaultTeamId, active, botId, botEnabled }: ChannelChanges) =>
      api<Channel>(`/channels/${id}`, {
        method: 'PATCH',
        body: { name, defaultTeamId, active, botId, botEnabled, ...(outboundUrl !== undefined ? { config: { outboundUrl } } : {}) },
      }),
    onSuccess: replace,
  });
}

export function useRotateSecret() {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: (id: number) => api<ChannelWithSecret>(`/channels/${id}/rotate-secret`, { method: 'POST' }),
    onSuccess: replace,
  });
}

export function useDeactivateChannel() {
  const replace = useReplaceInList();
  return useMutation({ mutationFn: (id: number) => api<Channel>(`/channels/${id}`, { method: 'DELETE' }), onSuccess: replace });
}

export function useCreateTelegramChannel() {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: ({ name, botToken, defaultTeamId }: { name: string; botToken: string; defaultTeamId: number | null }) =>
      api<ChannelWithSecret>('/channels', { body: { type: 'telegram', name, config: {}, secrets: { botToken }, defaultTeamId } }),
    onSuccess: replace,
  });
}

/** "Test connection": tells the provider our webhook URL again. */
export function useConnectChannel() {
  return useMutation({ mutationFn: (id: number) => api<ChannelConnection>(`/channels/${id}/connect`, { method: 'POST' }) });
}
