import { type Bus, Listeners } from './bus.js';

export function memoryBus(): Bus {
  const listeners = new Listeners();
  return {
    kind: 'memory',
    publish: (channel, message) => queueMicrotask(() => listeners.emit(channel, message)),
    subscribe: (channel, fn) => listeners.add(channel, fn),
    close: async () => {},
  };
}
