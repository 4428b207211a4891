import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import type { Message } from '../conversation.api';

/** A message template of a channel, as synchronised from the provider (GET /channels/:id/templates). */
export interface ChannelTemplate {
  id: number;
  name: string;
  language: string;
  category: string | null;
  status: string;
  /** The body with its {{1}} … {{n}} placeholders. */
  body: string;
  variables: number;
  sendable: boolean;
}

/** What a channel's provider accepts (part of GET /channels/:id). */
export interface ChannelCapabilities {
  replyWindow: { durationMs: number | null; tag?: string; tagDurationMs?: number };
  templates: boolean;
  interactive: boolean;
}

export const templateKeys = {
  channel: (id: number) => ['conversation', 'channel', id] as const,
  templates: (channelId: number) => ['conversation', 'templates', channelId] as const,
};

export function useChannelCapabilities(channelId: number, enabled: boolean) {
  return useQuery({
    queryKey: templateKeys.channel(channelId),
    queryFn: async ({ signal }) => (await api<{ capabilities: ChannelCapabilities | null }>(`/channels/${channelId}`, { signal })).capabilities,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useSendableTemplates(channelId: number, enabled: boolean) {
  return useQuery({
    queryKey: templateKeys.templates(channelId),
    queryFn: async ({ signal }) => (await api<{ items: ChannelTemplate[] }>(`/channels/${channelId}/templates`, { query: { sendable: 'true' }, signal })).items,
    enabled,
    staleTime: 60_000,
  });
}

export const sendTemplateReply = (conversationId: number, template: { name: string; language: string; variables: string[] }) =>
  api<Message>(`/conversations/${conversationId}/messages`, { body: { template } });

/** The body as the customer will read it: each {{n}} replaced by its variable, or left as is while empty. */
export function fillTemplate(body: string, variables: string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => variables[Number(n) - 1]?.trim() || whole);
}
