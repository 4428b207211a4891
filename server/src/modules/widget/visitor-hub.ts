import type { WebSocket } from 'ws';
import { pingOrDrop } from '../../platform/realtime/heartbeat.js';
import { SingleRunner } from '../../platform/single-runner.js';
import type { AppContext } from '../../platform/context.js';
import { EVENTS_CHANNEL } from '../../platform/events/transaction.js';
import { lastEventId } from '../../platform/events/events.repo.js';
import type { EventRow } from '../../platform/events/event-types.js';
import { EPHEMERAL_CHANNEL, type EphemeralSignal } from '../../platform/realtime/hub.js';
import { agentInfos, messageLikeFromEvent, toVisitorMessage, type AgentInfo } from './visitor-dto.js';
import { conversationVisitors } from './widget.repo.js';
import type { Visitor } from './widget-visitor.js';

const PAGE = 500;
const POLL_MS = 1000;
const HEARTBEAT_MS = 30_000;
const AGENT_TTL_MS = 60_000;
const MAX_CACHED = 50_000;

/** The only event types a visitor hears about; everything else (assignments, tags, notes, presence…) never leaves. */
const VISITOR_EVENTS = new Set(['message.created', 'message.updated', 'message.deleted', 'conversation.created', 'conversation.closed', 'conversation.reopened']);

/** What a visitor's socket receives. */
export type VisitorFrame =
  | { type: 'ready' }
  | { type: 'message'; message: NonNullable<ReturnType<typeof toVisitorMessage>> }
  | { type: 'message_deleted'; id: number; conversationId: number }
  | { type: 'conversation'; conversation: { id: number; status: 'open' | 'closed' } }
  | { type: 'typing'; conversationId: number; typing: boolean; agent: { name: string } }
  | { type: 'pong' };

interface VisitorSocket {
  ws: WebSocket;
  workspaceId: number;
  channelName: string;
  key: string;
  alive: boolean;
}

const keyOf = (channelId: number, visitorId: string) => `${channelId}\u0000${visitorId}`;

/**
 * Pushes a visitor their own conversations' events over /api/v1/widget/realtime. It tails the event log like the
 * agents' hub (the node's recent-events tail, woken by the bus, polling as a fallback) but it is its own: a
 * visitor is not a member, and nothing reaches them except through toVisitorMessage's projection of a
 * whitelisted event, routed by the conversation's contact identity on that channel. There is no replay: after
 * `ready` the widget lists its messages over HTTP (and again after any reconnect), so nothing is missed.
 * It starts with the node's first visitor socket.
 */
export class VisitorHub {
  private byKey = new Map<string, Set<VisitorSocket>>();
  private workspaces = new Map<number, number>();
  private visitorsOf = new Map<number, { channelId: number; visitorIds: string[] }>();
  private agents = new Map<number, { info: AgentInfo; until: number }>();
  private readUpTo = 0;
  private starting: Promise<void> | null = null;
  private reader = new SingleRunner(() => this.tail());
  private running = false;
  private timers: NodeJS.Timeout[] = [];
  private offs: Array<() => void> = [];

  constructor(private ctx: AppContext) {}

  get connections() {
    let n = 0;
    for (const set of this.byKey.values()) n += set.size;
    return n;
  }

  /** Registers an authenticated visitor socket; it is told `ready` once live traffic flows to it. */
  async connect(ws: WebSocket, visitor: Visitor) {
    await (this.starting ??= this.start());
    const socket: VisitorSocket = { ws, workspaceId: visitor.channel.workspaceId, channelName: visitor.channel.name, key: keyOf(visitor.channel.id, visitor.claims.visitorId), alive: true };
    let set = this.byKey.get(socket.key);
    if (!set) this.byKey.set(socket.key, (set = new Set()));
    set.add(socket);
    this.workspaces.set(socket.workspaceId, (this.workspaces.get(socket.workspaceId) ?? 0) + 1);
    ws.on('pong', () => (socket.alive = true));
    ws.on('message', () => (socket.alive = true));
    ws.on('close', () => {
      if (set.delete(socket)) {
        const left = (this.workspaces.get(socket.workspaceId) ?? 1) - 1;
        if (left > 0) this.workspaces.set(socket.workspaceId, left);
        else this.workspaces.delete(socket.workspaceId);
      }
      if (set.size === 0 && this.byKey.get(socket.key) === set) this.byKey.delete(socket.key);
    });
    ws.on('error', (err) => this.ctx.log.debug({ err: err.message }, 'widget realtime: socket error'));
    send(socket, { type: 'ready' });
  }

  private async start() {
    this.readUpTo = await lastEventId(this.ctx.db);
    this.running = true;
    this.offs = [
      this.ctx.bus.subscribe(EVENTS_CHANNEL, () => this.poke()),
      this.ctx.bus.subscribe(EPHEMERAL_CHANNEL, (m) => void this.onEphemeral(m)),
    ];
    this.timers = [setInterval(() => this.poke(), POLL_MS), setInterval(() => this.heartbeat(), HEARTBEAT_MS)];
    for (const t of this.timers) t.unref();
  }

  async stop() {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    for (const off of this.offs) off();
    await this.reader.idle();
    for (const set of this.byKey.values()) for (const s of set) s.ws.close(1001, 'Server shutting down');
  }

  private poke() {
    if (this.running) this.reader.poke();
  }

  private async tail() {
    try {
      for (;;) {
        const batch = await this.ctx.recentEvents.after(this.readUpTo, PAGE);
        if (batch.length === 0) return;
        await this.fanOut(batch);
        this.readUpTo = batch.at(-1)!.id;
        if (batch.length < PAGE || !this.running) return;
      }
    } catch (err) {
      this.ctx.log.error({ err }, 'widget realtime: reading the event log failed; retrying on the next poll');
    }
  }

  private async fanOut(batch: EventRow[]) {
    const relevant = batch.filter((e) => e.conversationId !== null && VISITOR_EVENTS.has(e.type) && this.workspaces.has(e.workspaceId));
    if (relevant.length === 0) return;
    await this.learnVisitors(relevant.map((e) => e.conversationId!));
    const routed = relevant.filter((e) => this.socketsFor(e.conversationId!).length > 0);
    await this.learnAgents(routed.flatMap((e) => {
      const sender = (e.payload as { message?: { sender?: { type?: string; id?: number } } }).message?.sender;
      return sender?.type === 'user' && typeof sender.id === 'number' ? [sender.id] : [];
    }));
    for (const e of routed) {
      const sockets = this.socketsFor(e.conversationId!);
      const frame = this.frameFor(e, sockets[0].channelName);
      if (frame) for (const s of sockets) send(s, frame);
    }
  }

  /** The projection: null when the event carries nothing for the visitor (a note, an activity entry). */
  private frameFor(e: EventRow, channelName: string): VisitorFrame | null {
    const payload = e.payload as Record<string, any>;
    if (e.type === 'message.deleted') return { type: 'message_deleted', id: Number(payload.messageId), conversationId: e.conversationId! };
    if (e.type.startsWith('message.')) {
      const like = messageLikeFromEvent(payload.message ?? {});
      if (like.deleted && like.kind === 'message') return { type: 'message_deleted', id: like.id, conversationId: like.conversationId };
      const agents = new Map([...this.agents].map(([id, a]) => [id, a.info]));
      const message = toVisitorMessage(this.ctx, like, agents, channelName);
      return message ? { type: 'message', message } : null;
    }
    return { type: 'conversation', conversation: { id: e.conversationId!, status: payload.conversation?.status === 'closed' ? 'closed' : 'open' } };
  }

  private socketsFor(conversationId: number): VisitorSocket[] {
    const owner = this.visitorsOf.get(conversationId);
    if (!owner) return [];
    return owner.visitorIds.flatMap((v) => [...(this.byKey.get(keyOf(owner.channelId, v)) ?? [])]);
  }

  private async learnVisitors(conversationIds: number[]) {
    const unknown = [...new Set(conversationIds)].filter((id) => !this.visitorsOf.has(id));
    if (unknown.length === 0) return;
    if (this.visitorsOf.size + unknown.length > MAX_CACHED) this.visitorsOf.clear();
    const rows = await conversationVisitors(this.ctx.db, unknown);
    for (const r of rows) {
      const entry = this.visitorsOf.get(r.id) ?? { channelId: r.channelId, visitorIds: [] };
      if (r.visitorId) entry.visitorIds.push(r.visitorId);
      this.visitorsOf.set(r.id, entry);
    }
  }

  private async learnAgents(userIds: number[]) {
    const now = Date.now();
    const stale = [...new Set(userIds)].filter((id) => !((this.agents.get(id)?.until ?? 0) > now));
    if (stale.length === 0) return;
    for (const [id, info] of await agentInfos(this.ctx, stale)) this.agents.set(id, { info, until: now + AGENT_TTL_MS });
  }

  /** An agent typing in a conversation: its visitor sees who (by name only). The visitor's own typing is for agents. */
  private async onEphemeral(message: string) {
    let signal: EphemeralSignal;
    try {
      signal = JSON.parse(message);
    } catch {
      return;
    }
    const { frame, scope } = signal ?? {};
    if (frame?.type !== 'typing' || frame.from !== 'user' || !this.workspaces.has(scope?.workspaceId)) return;
    try {
      await this.learnVisitors([scope.conversationId]);
    } catch (err) {
      return this.ctx.log.warn({ err }, 'widget realtime: typing not forwarded');
    }
    for (const s of this.socketsFor(scope.conversationId)) {
      if (s.workspaceId === scope.workspaceId) send(s, { type: 'typing', conversationId: scope.conversationId, typing: frame.typing, agent: { name: frame.name } });
    }
  }

  private heartbeat() {
    pingOrDrop(this.byKey.values());
  }
}

function send(s: VisitorSocket, frame: VisitorFrame) {
  if (s.ws.readyState === s.ws.OPEN) s.ws.send(JSON.stringify(frame));
}
