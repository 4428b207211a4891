import type { ChannelAdapter } from './channel.js';
import { apiChannelAdapter } from './api/api.adapter.js';
import { telegramAdapter } from './telegram/telegram.adapter.js';

const adapters = new Map<string, ChannelAdapter>([apiChannelAdapter, telegramAdapter].map((a) => [a.type, a]));

export function adapterFor(type: string): ChannelAdapter | undefined {
  return adapters.get(type);
}
