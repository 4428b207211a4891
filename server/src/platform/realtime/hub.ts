import type { WebSocket } from 'ws';
import { pingOrDrop } from './heartbeat.js';
import { SingleRunner } from '../single-runner.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../../modules/auth/permissions.js';
import { actorForMember } from '../../modules/auth/actor.repo.js';
import { EVENTS_CHANNEL } from '../events/transaction.js';
import { eventsAfter, lastEventId } from '../events/events.repo.js';
import type { EventRow } from '../events/event-types.js';
import { countEventsAfter } from './realtime.repo.js';
import { CloseCode, OutgoingEvent, RealtimeClient, type Transport } from './realtime-client.js';
import { matchesAny, type Topic } from './topics.js';
import type { ServerFrame } from './realtime.schemas.js';
import type { Bus } from '../bus/bus.js';
import { canSeeEvent, type EventScope } from '../../modules/auth/event-visibility.js';

const PAGE = 500;
const POLL_MS = 1000;
const HEARTBEAT_MS = 30_000;
/** A client further behind than this refetches instead of replaying. */
export const MAX_REPLAY_EVENTS = 10_000;
/** Bus channel of ephemeral frames (typing): never written to the log, no id, no replay. */
export const EPHEMERAL_CHANNEL = 'atiende_ephemeral';

/** An ephemeral frame and the conversation scope that decides, like an event's, which sockets may receive it. */
export interface EphemeralSignal {
  scope: { workspaceId: number; conversationId: number; teamId: number | null; assigneeId: number | null };
  frame: ServerFrame;
}

/** Tells every web node; each hands the frame to its live sockets on a matching topic that may see the conversation. */
export function publishEphemeral(bus: Bus, signal: EphemeralSignal) {
  bus.publish(EPHEMERAL_CHANNEL, JSON.stringify(signal));
}

function flush(reached: Set<Set<RealtimeClient>>) {
  for (const clients of reached) for (const c of clients) c.flush();
}

/** Events after which the sockets of the workspace reload their actor before anything else is filtered. */
const PERMISSION_EVENTS = new Set(['user.updated', 'user.deactivated', 'team.updated', 'team.members_changed', 'team.deleted']);

/**
 * One per web node. Tails the event log once for the whole node (woken by the bus, polling as a
 * fallback) and fans each event out to the node's sockets, filtered by topic and by the same
 * permission rule as HTTP. A socket that subscribes with a last event id first receives what it
 * missed, read from the log, then live traffic, with no gap and no duplicate.
 */
export class RealtimeHub {
  private byWorkspace = new Map<number, Set<RealtimeClient>>();
  private clientCount = 0;
  /** The last event id read from the log. */
  private readUpTo = 0;
  /** Every event up to this id has been offered to every socket of the node. */
  private dispatchedUpTo = 0;
  private reader = new SingleRunner(() => this.tail());
  private running = false;
  private timers: NodeJS.Timeout[] = [];
  private stopListening: () => void = () => {};

  constructor(private ctx: AppContext) {}

  async start(): Promise<void> {
    this.readUpTo = this.dispatchedUpTo = await lastEventId(this.ctx.db);
    this.running = true;
    const offEvents = this.ctx.bus.subscribe(EVENTS_CHANNEL, (message) => this.onCommitted(Number(message)));
    const offEphemeral = this.ctx.bus.subscribe(EPHEMERAL_CHANNEL, (message) => this.onEphemeral(message));
    this.stopListening = () => {
      offEvents();
      offEphemeral();
    };
    this.timers = [setInterval(() => this.poke(), POLL_MS), setInterval(() => this.heartbeat(), HEARTBEAT_MS)];
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.stopListening();
    await this.reader.idle();
    for (const set of this.byWorkspace.values()) for (const c of set) c.close(CloseCode.GoingAway, 'Server shutting down');
  }

  get connections(): number {
    return this.clientCount;
  }

  /** Registers an authenticated socket (and the TCP socket under it); it receives nothing until it subscribes. */
  connect(ws: WebSocket, actor: Actor, transport?: Transport): RealtimeClient {
    const client = new RealtimeClient(ws, actor, transport);
    let set = this.byWorkspace.get(actor.workspaceId);
    if (!set) this.byWorkspace.set(actor.workspaceId, (set = new Set()));
    set.add(client);
    this.clientCount++;
    ws.on('pong', () => (client.alive = true));
    ws.on('message', () => (client.alive = true));
    ws.on('close', () => {
      client.closed = true;
      client.pending = [];
      if (set.delete(client)) this.clientCount--;
      if (set.size === 0 && this.byWorkspace.get(actor.workspaceId) === set) this.byWorkspace.delete(actor.workspaceId);
    });
    ws.on('error', (err) => this.ctx.log.debug({ err: err.message }, 'realtime: socket error'));
    return client;
  }

  /**
   * Adds topics. The first subscribe of a socket starts its stream: from `fromEventId` (replayed from
   * the log) or from now. Later subscribes only widen what the running stream carries.
   */
  async subscribe(client: RealtimeClient, topics: Map<string, Topic>, fromEventId?: number): Promise<void> {
    for (const [key, topic] of topics) client.topics.set(key, topic);
    if (client.state === 'live') return client.send({ type: 'ready', lastEventId: Math.max(client.lastSent, this.dispatchedUpTo) });
    if (client.state === 'replaying') return; // the running replay ends with its own ready
    client.state = 'replaying'; // from here live traffic is held for this socket
    try {
      const replayedTo = await this.replay(client, fromEventId);
      if (client.closed) return;
      client.goLive();
      client.send({ type: 'ready', lastEventId: Math.max(client.lastSent, replayedTo, this.dispatchedUpTo) });
    } catch (err) {
      this.ctx.log.error({ err }, 'realtime: replay failed');
      client.close(CloseCode.InternalError, 'Replay failed; reconnect with your last event id');
    }
  }

  unsubscribe(client: RealtimeClient, keys: string[]) {
    for (const k of keys) client.topics.delete(k);
  }

  /** Sends what the socket missed, read from the log; returns the id the replay read up to. */
  private async replay(client: RealtimeClient, from: number | undefined): Promise<number> {
    const { db } = this.ctx;
    // Reloaded after the socket is registered: any permission change from here on reaches it through fanOut.
    if (!(await this.refreshActor(client))) return 0;
    const workspaceId = client.actor.workspaceId;
    if (from === undefined) {
      client.lastSent = Math.max(client.lastSent, this.dispatchedUpTo);
      return client.lastSent;
    }
    const newest = await lastEventId(db);
    const tooFar = newest - from > MAX_REPLAY_EVENTS && (await countEventsAfter(db, workspaceId, from, MAX_REPLAY_EVENTS + 1)) > MAX_REPLAY_EVENTS;
    const behind = from > newest ? 'unknown_event_id' : tooFar ? 'too_far_behind' : null;
    if (behind) {
      // The client refetches its state over HTTP after this, so its state holds every event up to `newest`: the
      // stream resumes after it, even when this node's dispatcher has not caught up yet (no stale re-deliveries).
      client.send({ type: 'reset', reason: behind });
      client.lastSent = Math.max(client.lastSent, newest, this.dispatchedUpTo);
      return client.lastSent;
    }
    client.lastSent = Math.max(client.lastSent, from);
    let after = from;
    for (;;) {
      const page = await eventsAfter(db, after, PAGE, workspaceId);
      for (const row of page) client.deliver(new OutgoingEvent(row));
      if (page.length) after = page.at(-1)!.id;
      if (page.length < PAGE || client.closed) return after;
      await client.drained();
    }
  }

  /** Reloads a user socket's actor; a member who is no longer active is disconnected. */
  private async refreshActor(client: RealtimeClient): Promise<boolean> {
    const { actor } = client;
    if (actor.type !== 'user' || actor.userId === null) return !client.closed;
    const fresh = await actorForMember(this.ctx.db, actor.workspaceId, actor.userId);
    if (!fresh) client.close(CloseCode.Forbidden, 'Your membership of this workspace is no longer active');
    else client.actor = fresh;
    return !client.closed;
  }

  /** A bus message carries the last committed id. With no sockets there is nothing to read: just move on. */
  private onCommitted(id: number) {
    if (this.clientCount === 0 && !this.reader.busy && Number.isSafeInteger(id)) {
      this.readUpTo = this.dispatchedUpTo = Math.max(this.readUpTo, id);
      return;
    }
    if (!(id <= this.readUpTo)) this.poke();
  }

  /** Ephemeral frames skip the log: the same topic and visibility rule as events, live sockets only. */
  private onEphemeral(message: string) {
    let signal: EphemeralSignal;
    try {
      signal = JSON.parse(message);
    } catch {
      return;
    }
    const clients = this.byWorkspace.get(signal?.scope?.workspaceId);
    if (!clients?.size) return;
    const scope: EventScope = { ...signal.scope, type: `ephemeral.${signal.frame.type}`, audience: [], payload: {} };
    for (const c of clients) {
      if (c.state === 'live' && !c.closed && matchesAny(c.topics.values(), scope) && canSeeEvent(c.actor, scope)) c.send(signal.frame);
    }
  }

  /** Reads the log now (one reader per node; a poke during a read schedules another). */
  poke() {
    if (this.running) this.reader.poke();
  }

  private async tail() {
    try {
      for (;;) {
        const batch = await this.ctx.recentEvents.after(this.readUpTo, PAGE);
        if (batch.length === 0) return;
        this.readUpTo = batch.at(-1)!.id;
        await this.fanOut(batch);
        if (batch.length < PAGE || !this.running) return;
      }
    } catch (err) {
      this.ctx.log.error({ err }, 'realtime: reading the event log failed; retrying on the next poll');
    }
  }

  /** Every socket's frames of the batch go out together when it ends (the client corks its socket on the first). */
  private async fanOut(batch: EventRow[]) {
    const reached = new Set<Set<RealtimeClient>>();
    try {
      for (const row of batch) {
        const clients = this.byWorkspace.get(row.workspaceId);
        if (clients?.size) {
          reached.add(clients);
          if (PERMISSION_EVENTS.has(row.type)) {
            flush(reached); // nothing waits corked while the actors reload
            await this.reloadActors(clients, row);
          }
          if (row.type === 'apitoken.revoked') this.closeRevokedToken(clients, row.payload.tokenId);
          const out = new OutgoingEvent(row);
          for (const c of clients) c.offer(out);
        }
        this.dispatchedUpTo = row.id;
      }
    } finally {
      flush(reached);
    }
  }

  /** One query per distinct user of the workspace's sockets (only the user concerned, for a user event that names one). */
  private async reloadActors(clients: Set<RealtimeClient>, cause: EventRow) {
    const only = cause.type.startsWith('user.') && typeof cause.payload.userId === 'number' ? cause.payload.userId : null;
    const byUser = new Map<number, RealtimeClient[]>();
    for (const c of clients) {
      if (c.actor.type !== 'user' || c.actor.userId === null || c.closed || (only !== null && c.actor.userId !== only)) continue;
      const list = byUser.get(c.actor.userId) ?? [];
      list.push(c);
      byUser.set(c.actor.userId, list);
    }
    await Promise.all(
      [...byUser].map(async ([userId, list]) => {
        try {
          const fresh = await actorForMember(this.ctx.db, list[0].actor.workspaceId, userId);
          for (const c of list) {
            if (!fresh) c.close(CloseCode.Forbidden, 'Your membership of this workspace is no longer active');
            else c.actor = fresh;
          }
        } catch (err) {
          this.ctx.log.error({ err, userId }, 'realtime: reloading permissions failed; disconnecting');
          for (const c of list) c.close(CloseCode.InternalError, 'Reconnect with your last event id');
        }
      }),
    );
  }

  private closeRevokedToken(clients: Set<RealtimeClient>, tokenId: unknown) {
    for (const c of clients) {
      if (c.actor.type === 'api' && c.actor.tokenId === tokenId) c.close(CloseCode.Unauthenticated, 'API token revoked');
    }
  }

  /** Sockets that did not answer the previous ping are dead: drop them. */
  private heartbeat() {
    pingOrDrop(this.byWorkspace.values());
  }
}
