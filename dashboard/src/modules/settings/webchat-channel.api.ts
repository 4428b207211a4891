import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { useReplaceInList, type Channel, type ChannelWithSecret } from './channels.api';

export interface PrechatField {
  key: string;
  label: string;
  type: 'text' | 'email' | 'tel' | 'number' | 'date' | 'select' | 'checkbox';
  required: boolean;
}

export interface Campaign {
  id: string;
  message: string;
  urlPattern: string;
  secondsOnPage: number;
  businessHoursOnly: boolean;
  enabled: boolean;
}

export interface BusinessHours {
  timezone: string;
  schedule: Array<{ day: number; from: string; to: string }>;
}

/** What the widget's settings screen edits (the server fills in the rest: public token, defaults). */
export interface WebchatConfig {
  allowedDomains: string[];
  greeting: string;
  color: string;
  position: 'right' | 'left';
  identityVerification: boolean;
  prechat: { enabled: boolean; message: string; fields: PrechatField[] };
  campaigns: Campaign[];
  /** null removes the hours (the widget is then always "open"). */
  businessHours: BusinessHours | null;
}

/** The embed snippet: the loader from this Atiende (the server's public URL) and the channel's public token. */
export function webchatSnippet(channel: Pick<Channel, 'webhookUrl' | 'config'>) {
  return `<script src="${new URL(channel.webhookUrl).origin}/widget/loader.js" data-channel="${String(channel.config.publicToken ?? '')}" async></script>`;
}

export function useSaveWebchatChannel() {
  const keep = useReplaceInList();
  return useMutation({
    mutationFn: ({ id, name, config }: { id?: number; name: string; config: WebchatConfig }) =>
      id === undefined
        ? api<ChannelWithSecret>('/channels', { body: { type: 'webchat', name, config: { ...config, businessHours: config.businessHours ?? undefined } } })
        : api<Channel>(`/channels/${id}`, { method: 'PATCH', body: { name, config } }),
    onSuccess: keep,
  });
}
