import type { ChannelAdapter } from './channel.js';
import { apiChannelAdapter } from './api/api.adapter.js';

const adapters = new Map<string, ChannelAdapter>([[apiChannelAdapter.type, apiChannelAdapter]]);

export function adapterFor(type: string): ChannelAdapter | undefined {
  return adapters.get(type);
}

