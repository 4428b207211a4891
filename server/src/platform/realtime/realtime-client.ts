import type { WebSocket } from 'ws';
import type { Actor } from '../../modules/auth/permissions.js';
import { canSeeEvent } from '../../modules/auth/event-visibility.js';
import { eventDto, type EventRow } from '../events/event-types.js';
import { matchesAny, type Topic } from './topics.js';
import type { ServerFrame } from './realtime.schemas.js';

export const CloseCode = { GoingAway: 1001, InternalError: 1011, TooSlow: 4008, Unauthenticated: 4401, Forbidden: 4403 } as const;

/** A client that lets this much pile up unsent is too slow to follow; it reconnects with its last id. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Replay waits for the socket to drain below this before reading the next page. */
const REPLAY_HIGH_WATER = 1024 * 1024;

/** One event on its way out: the frame is serialised once per node, on first use, and shared by every socket. */
export class OutgoingEvent {
  private bytes: Buffer | null = null;
  constructor(readonly row: EventRow) {}
  get frame(): Buffer {
    return (this.bytes ??= Buffer.from(JSON.stringify({ type: 'event', event: eventDto(this.row) })));
  }
}

/**
 * One socket. `lastSent` is the highest event id it has been sent: nothing at or below it is sent
 * again, which makes replay and live traffic overlap safely. While a replay runs, live traffic is
 * held in `pending` and flushed after it.
 */
/** The socket under the WebSocket: corked while the hub writes a batch, so the batch leaves in one write. */
export interface Transport {
  cork(): void;
  uncork(): void;
}

export class RealtimeClient {
  readonly topics = new Map<string, Topic>();
  state: 'idle' | 'replaying' | 'live' = 'idle';
  lastSent = 0;
  pending: OutgoingEvent[] = [];
  alive = true;
  closed = false;

  private corked = false;

  constructor(readonly ws: WebSocket, public actor: Actor, private transport?: Transport) {}

  /** Live traffic from the hub, held in the corked socket until the hub's `flush`. An idle socket has not subscribed yet and receives nothing. */
  offer(e: OutgoingEvent) {
    if (this.state === 'live') this.deliver(e, true);
    else if (this.state === 'replaying') this.pending.push(e);
  }

  /** Sends the event if it is newer than anything sent, on one of the socket's topics, and visible to its actor. */
  deliver(e: OutgoingEvent, corked = false): boolean {
    if (this.closed || e.row.id <= this.lastSent) return false;
    if (!matchesAny(this.topics.values(), e.row) || !canSeeEvent(this.actor, e.row)) return false;
    this.lastSent = e.row.id;
    if (corked && !this.corked && this.transport) {
      this.transport.cork();
      this.corked = true;
    }
    this.ws.send(e.frame, { binary: false });
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) this.close(CloseCode.TooSlow, 'Too far behind; reconnect with your last event id');
    return true;
  }

  /** Ends a replay: what arrived live meanwhile goes out in order (minus what the replay already sent). */
  goLive() {
    const held = this.pending;
    this.pending = [];
    this.state = 'live';
    for (const e of held) this.deliver(e);
  }

  /** Writes what `deliver` held back since the hub's batch began: one system call for the batch, not one per frame. */
  flush() {
    if (!this.corked) return;
    this.corked = false;
    this.transport!.uncork();
  }

  send(frame: ServerFrame) {
    if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  async drained() {
    while (!this.closed && this.ws.bufferedAmount > REPLAY_HIGH_WATER) await new Promise((r) => setTimeout(r, 10));
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.ws.close(code, reason);
    this.flush();
  }
}
