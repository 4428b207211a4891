/** One event of the log as the server pushes it (`eventDto` on the server). */
export interface RealtimeEvent {
  id: number;
  type: string;
  conversationId: number | null;
  teamId: number | null;
  assigneeId: number | null;
  actor: { type: string; id: number | null };
  payload: Record<string, unknown>;
  createdAt: string;
}

/** What the server sends over /api/v1/realtime. */
/** Someone is typing in a conversation, or stopped (ephemeral: never in the log, never replayed). */
export interface TypingSignal {
  conversationId: number;
  from: 'contact' | 'user';
  userId: number | null;
  name: string;
  typing: boolean;
}

export type ServerFrame =
  | { type: 'event'; event: RealtimeEvent }
  | ({ type: 'typing' } & TypingSignal)
  | { type: 'ready'; lastEventId: number }
  | { type: 'reset'; reason: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

export type ClientFrame = { type: 'subscribe'; topics: string[]; lastEventId?: number } | { type: 'ping' };

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

/** What the owner of the socket must do after a frame. */
export type SessionAction =
  | { kind: 'event'; event: RealtimeEvent }
  | { kind: 'typing'; signal: TypingSignal }
  | { kind: 'reset'; reason: string }
  | { kind: 'live'; resumed: boolean };

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1; injected so tests are deterministic. */
  random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000, random: Math.random };

/**
 * The client side of the realtime protocol, without the socket: it remembers the last event id it
 * delivered, asks the server to resume from it after a reconnect, drops anything at or below it (so a
 * replay that overlaps live traffic never delivers an event twice) and computes the reconnect delay.
 */
export class RealtimeSession {
  /** The newest event id delivered (or announced by `ready`); null before the first `ready`. */
  lastEventId: number | null = null;
  status: RealtimeStatus = 'connecting';
  /** Failed connections in a row; reset when the stream is live. */
  attempts = 0;
  /** Whether a `ready` was ever received: the first one is a fresh start, later ones resume. */
  private everLive = false;

  constructor(
    readonly topics: string[],
    private backoff: BackoffOptions = defaultBackoff,
  ) {}

  /** The first frame to send on a freshly opened socket. */
  subscribeFrame(): ClientFrame {
    return this.lastEventId === null
      ? { type: 'subscribe', topics: this.topics }
      : { type: 'subscribe', topics: this.topics, lastEventId: this.lastEventId };
  }

  connecting() {
    this.status = 'connecting';
  }

  /** Parses and applies one frame; returns what to do with it (nothing for pongs, errors, duplicates). */
  receive(raw: unknown): SessionAction[] {
    const frame = parseFrame(raw);
    if (!frame) return [];
    switch (frame.type) {
      case 'event': {
        const { id } = frame.event;
        if (this.lastEventId !== null && id <= this.lastEventId) return [];
        this.lastEventId = id;
        return [{ kind: 'event', event: frame.event }];
      }
      case 'ready': {
        const resumed = this.everLive && this.lastEventId !== null;
        this.lastEventId = Math.max(this.lastEventId ?? 0, frame.lastEventId);
        this.status = 'live';
        this.attempts = 0;
        this.everLive = true;
        return [{ kind: 'live', resumed }];
      }
      case 'typing': {
        const { type: _type, ...signal } = frame;
        return [{ kind: 'typing', signal }];
      }
      case 'reset':
        // The server cannot replay from our id (too far behind, or an id it never issued, e.g. after a
        // restore): forget it, take the id the following `ready` announces, and refetch everything.
        this.lastEventId = null;
        return [{ kind: 'reset', reason: frame.reason }];
      default:
        return [];
    }
  }

  /** The socket closed (or failed to open): how long to wait before the next attempt. */
  closed(): number {
    this.status = 'offline';
    const exp = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** this.attempts);
    this.attempts++;
    // Full jitter on the upper half, so a server restart is not hit by every client in the same instant.
    return Math.round(exp / 2 + (exp / 2) * this.backoff.random());
  }
}

function parseFrame(raw: unknown): ServerFrame | null {
  let frame: unknown = raw;
  if (typeof raw === 'string') {
    try {
      frame = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!frame || typeof frame !== 'object' || typeof (frame as { type?: unknown }).type !== 'string') return null;
  const f = frame as ServerFrame;
  if (f.type === 'event' && (typeof f.event !== 'object' || f.event === null || !Number.isSafeInteger(f.event.id))) return null;
  if (f.type === 'ready' && !Number.isSafeInteger(f.lastEventId)) return null;
  if (f.type === 'typing' && (!Number.isSafeInteger(f.conversationId) || typeof f.name !== 'string' || typeof f.typing !== 'boolean')) return null;
  return f;
}
