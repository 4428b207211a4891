import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { channelsKey, type Channel, type ChannelWithSecret } from './channels.api';

export type SmsProvider = 'twilio' | 'vonage' | 'messagebird';

export interface SmsChannelInput {
  provider: SmsProvider;
  /** Twilio only: the number is a WhatsApp sender (channel type `twilio_whatsapp`). */
  whatsapp?: boolean;
  name: string;
  config: Record<string, string>;
  secrets: Record<string, string>;
  defaultTeamId: number | null;
}

/** The channel type of an SMS form: the provider's, or WhatsApp through Twilio. */
export const smsChannelType = (provider: SmsProvider, whatsapp = false) => (provider === 'twilio' && whatsapp ? 'twilio_whatsapp' : provider);

/** Creates an SMS channel of the chosen provider (its type); the list gets it without the secret. */
export function useCreateSmsChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, whatsapp, name, config, secrets, defaultTeamId }: SmsChannelInput) =>
      api<ChannelWithSecret>('/channels', { body: { type: smsChannelType(provider, whatsapp), name, config, secrets, defaultTeamId } }),
    onSuccess: (created) => {
      const { secret: _secret, connection: _connection, ...channel } = created;
      queryClient.setQueryData<Channel[]>(channelsKey, (list) => (list ? [...list.filter((c) => c.id !== channel.id), channel] : list));
    },
  });
}
