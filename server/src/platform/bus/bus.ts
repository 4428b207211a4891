/** "New events exist": a hint from the node that committed to every node, never the events themselves. */
export interface Bus {
  readonly kind: 'memory' | 'postgres' | 'redis';
  publish(channel: string, message: string): void;
  subscribe(channel: string, listener: (message: string) => void): () => void;
  close(): Promise<void>;
}

export class Listeners {
  private byChannel = new Map<string, Set<(m: string) => void>>();
  add(channel: string, fn: (m: string) => void) {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(fn);
    return () => void set!.delete(fn);
  }
  has(channel: string) {
    return (this.byChannel.get(channel)?.size ?? 0) > 0;
  }
  channels() {
    return [...this.byChannel.keys()];
  }
  emit(channel: string, message: string) {
    for (const fn of this.byChannel.get(channel) ?? []) {
      try {
        fn(message);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}
