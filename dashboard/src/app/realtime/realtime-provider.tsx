import { createContext, type ReactNode, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { meKey, setupKey, useMe } from '../auth';
import { browserSocketFactory, RealtimeConnection, realtimeUrl, type SocketFactory } from './realtime-connection';
import type { BackoffOptions, RealtimeEvent, RealtimeStatus, TypingSignal } from './realtime-session';

export type { RealtimeEvent, RealtimeStatus } from './realtime-session';

type Listener = (event: RealtimeEvent) => void;

/** Listeners and status of the page's one realtime stream. */
class RealtimeHub {
  private listeners = new Set<Listener>();
  private statusListeners = new Set<() => void>();
  status: RealtimeStatus = 'connecting';

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  emit(event: RealtimeEvent) {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        // One screen's bug must not stop the others from hearing the event.
        console.error('realtime listener failed', err);
      }
    }
  }

  private typingListeners = new Set<(signal: TypingSignal) => void>();

  subscribeTyping = (listener: (signal: TypingSignal) => void) => {
    this.typingListeners.add(listener);
    return () => void this.typingListeners.delete(listener);
  };

  emitTyping(signal: TypingSignal) {
    for (const listener of [...this.typingListeners]) listener(signal);
  }

  setStatus(status: RealtimeStatus) {
    if (this.status === status) return;
    this.status = status;
    for (const l of [...this.statusListeners]) l();
  }

  subscribeStatus = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  };

  getStatus = () => this.status;
}

const RealtimeContext = createContext<RealtimeHub | null>(null);

export interface RealtimeProviderProps {
  children: ReactNode;
  /** Opens the socket; the browser's WebSocket unless a test hands in a fake. */
  socketFactory?: SocketFactory;
  url?: string;
  backoff?: BackoffOptions;
  pingMs?: number;
}

/**
 * The page's realtime stream: one WebSocket to /api/v1/realtime subscribed to the workspace and to the
 * signed-in person's own topic, resumed from the last event id after every drop. A provider inside
 * another one adds nothing (so a screen may wrap itself in one to be sure the stream is there).
 */
export function RealtimeProvider(props: RealtimeProviderProps) {
  const parent = useContext(RealtimeContext);
  if (parent) return <>{props.children}</>;
  return <RealtimeStream {...props} />;
}

function RealtimeStream({ children, socketFactory = browserSocketFactory, url, backoff, pingMs }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [hub] = useState(() => new RealtimeHub());
  const userId = me?.user.id ?? null;
  const workspaceId = me?.workspace.id ?? null;

  useEffect(() => {
    if (userId === null || workspaceId === null) {
      hub.setStatus('offline');
      return;
    }
    const connection = new RealtimeConnection({
      url: url ?? realtimeUrl(),
      topics: ['workspace', `user:${userId}`],
      socketFactory,
      backoff,
      pingMs,
      callbacks: {
        onEvent: (event) => hub.emit(event),
        onTyping: (signal) => hub.emitTyping(signal),
        onReset: () => void queryClient.invalidateQueries(),
        onLive: (resumed) => {
          // A fresh stream starts from "now": whatever the screens fetched before it may have missed
          // an event committed in between, so they refetch once. A resumed stream replays the gap.
          if (!resumed) refetchLoadedBefore(queryClient, Date.now());
        },
        onStatus: (status) => hub.setStatus(status),
        onAuthFailed: () => void queryClient.invalidateQueries({ queryKey: meKey }),
      },
    });
    connection.start();
    const online = () => connection.reconnectNow();
    const offline = () => connection.drop();
    const visible = () => {
      if (document.visibilityState === 'visible') connection.reconnectNow();
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
      connection.stop();
    };
  }, [hub, queryClient, userId, workspaceId, socketFactory, url, backoff, pingMs]);

  return <RealtimeContext.Provider value={hub}>{children}</RealtimeContext.Provider>;
}

function refetchLoadedBefore(queryClient: QueryClient, at: number) {
  void queryClient.invalidateQueries({
    predicate: (query) => {
      const [root] = query.queryKey;
      if (root === meKey[0] || root === setupKey[0]) return false;
      return query.state.dataUpdatedAt > 0 && query.state.dataUpdatedAt <= at;
    },
  });
}

/**
 * Calls the latest `listener` (kept in a ref) with what the hub's `channel` carries, subscribed once per mounted
 * component. Outside a provider it does nothing.
 */
function useHubListener<T>(channel: (hub: RealtimeHub) => (listener: (value: T) => void) => () => void, listener: (value: T) => void) {
  const hub = useContext(RealtimeContext);
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => {
    if (!hub) return;
    return channel(hub)((value) => ref.current(value));
  }, [hub]);
}

/** Calls `listener` with every realtime event, in order. */
export function useRealtimeEvent(listener: (event: RealtimeEvent) => void) {
  useHubListener((hub) => hub.subscribe, listener);
}

const offlineStatus = () => 'offline' as const;
const noSubscription = () => () => {};

/** 'connecting' | 'live' | 'offline'; 'offline' outside a provider. */
export function useRealtimeStatus(): RealtimeStatus {
  const hub = useContext(RealtimeContext);
  return useSyncExternalStore(hub?.subscribeStatus ?? noSubscription, hub?.getStatus ?? offlineStatus, hub?.getStatus ?? offlineStatus);
}

/** Calls `listener` with every typing signal (ephemeral frames: a customer or a teammate typing, or stopping). */
export function useTypingSignal(listener: (signal: TypingSignal) => void) {
  useHubListener((hub) => hub.subscribeTyping, listener);
}
