import { type BackoffOptions, defaultBackoff, type RealtimeEvent, RealtimeSession, type RealtimeStatus, type TypingSignal } from './realtime-session';

/** The part of the browser's WebSocket the connection uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export const browserSocketFactory: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

const OPEN = 1;

/** Close codes after which the session itself is in question (signed out, membership ended). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);

export function realtimeUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/realtime`;
}

export interface ConnectionCallbacks {
  onEvent(event: RealtimeEvent): void;
  onTyping?(signal: TypingSignal): void;
  /** The server could not replay what we missed: refetch everything. */
  onReset(reason: string): void;
  /** The stream is live; `resumed` when it continued from our last event id after a reconnect. */
  onLive(resumed: boolean): void;
  onStatus(status: RealtimeStatus): void;
  /** The server refused the socket's credentials (session expired or membership ended). */
  onAuthFailed(): void;
}

export interface ConnectionOptions {
  url: string;
  topics: string[];
  socketFactory: SocketFactory;
  callbacks: ConnectionCallbacks;
  backoff?: BackoffOptions;
  /** How often to ask the server for a pong, to notice a connection that died without closing. */
  pingMs?: number;
  /** Without any frame for this long after a ping, the socket is considered dead. */
  pongTimeoutMs?: number;
}

/**
 * One realtime stream for the signed-in person: opens the socket, subscribes (resuming from the last
 * event id after a drop), reconnects with backoff, notices dead connections, and reconnects at once
 * when the browser comes back online or the tab becomes visible.
 */
export class RealtimeConnection {
  readonly session: RealtimeSession;
  private socket: SocketLike | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly pingMs: number;
  private readonly pongTimeoutMs: number;

  constructor(private options: ConnectionOptions) {
    this.session = new RealtimeSession(options.topics, options.backoff ?? defaultBackoff);
    this.pingMs = options.pingMs ?? 25_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 10_000;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000, 'Closed by the page');
    }
  }

  /** Reconnects now if waiting to (the network came back, the tab became visible). */
  reconnectNow() {
    if (this.stopped || this.socket) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connect();
  }

  /** Gives up the current socket (e.g. the browser says it is offline) and schedules a reconnect. */
  drop() {
    if (this.socket) this.handleClose(this.socket, 1006);
  }

  get status(): RealtimeStatus {
    return this.session.status;
  }

  private connect() {
    this.session.connecting();
    this.options.callbacks.onStatus('connecting');
    let socket: SocketLike;
    try {
      socket = this.options.socketFactory(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      socket.send(JSON.stringify(this.session.subscribeFrame()));
      this.startPing(socket);
    };
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      if (this.pongTimer) clearTimeout(this.pongTimer);
      this.pongTimer = null;
      this.handleFrame(message.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.handleClose(socket, event.code);
    };
    socket.onerror = () => {
      // A close event follows.
    };
  }

  private handleFrame(data: unknown) {
    const { callbacks } = this.options;
    for (const action of this.session.receive(data)) {
      if (action.kind === 'event') {
        callbacks.onEvent(action.event);
      } else if (action.kind === 'typing') {
        callbacks.onTyping?.(action.signal);
      } else if (action.kind === 'reset') {
        callbacks.onReset(action.reason);
      } else {
        callbacks.onStatus('live');
        callbacks.onLive(action.resumed);
      }
    }
  }

  private handleClose(socket: SocketLike, code: number) {
    detach(socket);
    if (socket.readyState === OPEN) socket.close();
    this.socket = null;
    this.clearTimers();
    if (this.stopped) return;
    if (AUTH_CLOSE_CODES.has(code)) this.options.callbacks.onAuthFailed();
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    const delay = this.session.closed();
    this.options.callbacks.onStatus('offline');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private startPing(socket: SocketLike) {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (this.socket !== socket || socket.readyState !== OPEN) return;
      socket.send(JSON.stringify({ type: 'ping' }));
      if (!this.pongTimer) this.pongTimer = setTimeout(() => this.handleClose(socket, 1006), this.pongTimeoutMs);
    }, this.pingMs);
  }

  private clearTimers() {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.reconnectTimer = this.pingTimer = this.pongTimer = null;
  }
}

function detach(socket: SocketLike) {
  socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
}
