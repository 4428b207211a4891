import type { AppContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/db.js';
import { inTransaction, type Emit } from '../../platform/events/transaction.js';
import type { EventActor } from '../../platform/events/event-types.js';
import { conversationEvent } from '../conversations/conversation-events.js';
import { insertMessagesOnce } from '../messages/messages.repo.js';
import { messageDto } from '../messages/messages.dto.js';
import type { ConversationRow } from '../conversations/conversations.repo.js';
import { planAssignments, type AgentLoad, type Candidate, type TeamQueue } from './assignment-plan.js';
import { assignWaiting, candidatesOf, channelsWithHours, hasWaiting, loadsOf, lockWorkspaceRouting, routingTeams, touchLastAssigned, waitingInTeam, type RoutingTeam } from './routing.repo.js';
import { isOpen, nextOpening } from './business-hours.js';

/** Conversations read per team and round; capacity, not this, usually ends a round. */
const ROUND_SIZE = 500;
const system: EventActor = { type: 'system' };

export interface AssignWaitingResult {
  assigned: number;
  /** The earliest moment a closed team or channel opens with conversations waiting for it. */
  nextOpening: Date | null;
}

/**
 * Serves the workspace's automatic queues (round robin, least busy) while agents have room: one round per
 * transaction under the workspace's routing lock, repeated until a round assigns nothing. A conversation
 * whose team or channel is closed waits for the opening. `avoid` keeps a conversation from one agent
 * (the one who did not answer it).
 */
export async function assignWaitingConversations(ctx: AppContext, workspaceId: number, avoid: Map<number, number> = new Map()): Promise<AssignWaitingResult> {
  // Without an automatic team there is nothing to serve: one read, no transaction (the common case of every message).
  if (!(await routingTeams(ctx.db, workspaceId)).some((t) => t.policy !== 'manual')) return { assigned: 0, nextOpening: null };
  let assigned = 0;
  let opening: Date | null = null;
  for (;;) {
    const round = await inTransaction(ctx, (tx, emit) => assignRound(ctx, tx, emit, workspaceId, avoid));
    assigned += round.assigned;
    opening = earliest(opening, round.nextOpening);
    if (round.assigned === 0 || !round.more) return { assigned, nextOpening: opening };
  }
}

async function assignRound(ctx: AppContext, tx: Db, emit: Emit, workspaceId: number, avoid: Map<number, number>) {
  await lockWorkspaceRouting(tx, workspaceId);
  const now = ctx.clock.now();
  let opening: Date | null = null;
  const closedChannels = (await channelsWithHours(tx, workspaceId)).filter((c) => !isOpen(c.businessHours, now));
  for (const c of closedChannels) opening = earliest(opening, nextOpening(c.businessHours, now));
  const teams: RoutingTeam[] = [];
  for (const team of (await routingTeams(tx, workspaceId)).filter((t) => t.policy !== 'manual')) {
    if (isOpen(team.businessHours, now)) teams.push(team);
    else if (await hasWaiting(tx, workspaceId, team.id)) opening = earliest(opening, nextOpening(team.businessHours, now));
  }
  const candidates = await candidatesOf(tx, workspaceId, teams.map((t) => t.id));
  const loads = await loadsOf(tx, workspaceId, [...new Set(candidates.map((c) => c.userId))]);
  const queues: TeamQueue[] = [];
  let more = false;
  for (const team of teams) {
    // Read no more of the queue than the team's agents can take now (plus those that must skip an agent).
    const limit = Math.min(ROUND_SIZE, roomIn(team, candidates, loads) + avoid.size);
    if (limit === 0) continue;
    const waiting = await waitingInTeam(tx, workspaceId, team.id, limit, closedChannels.map((c) => c.id));
    if (waiting.length === ROUND_SIZE) more = true;
    queues.push({ teamId: team.id, policy: team.policy, maxPerAgent: team.maxPerAgent, waiting: waiting.map((id) => ({ conversationId: id, excludedUserId: avoid.get(id) ?? null })) });
  }
  const plan = planAssignments(queues, candidates, loads, now);
  const done = await assignWaiting(tx, plan, now);
  const teamOf = new Map(plan.map((p) => [p.conversationId, p.teamId]));
  await touchLastAssigned(tx, lastAssignments(done, teamOf, now));
  await recordAutomaticAssignments(tx, emit, done, now);
  return { assigned: done.length, more, nextOpening: opening };
}

/** How many more conversations the team's agents could take, each counted at most up to their own room. */
function roomIn(team: RoutingTeam, candidates: Candidate[], loads: AgentLoad[]): number {
  const load = new Map(loads.map((l) => [l.userId, l]));
  const room = (max: number | null, used: number) => (max === null ? ROUND_SIZE : Math.max(0, max - used));
  return candidates
    .filter((c) => c.teamId === team.id && load.has(c.userId))
    .reduce((sum, c) => sum + Math.min(room(team.maxPerAgent, c.openInTeam), room(load.get(c.userId)!.maxConversations, load.get(c.userId)!.open)), 0);
}

/** Each agent's latest assignment per team, in plan order so round robin continues where it stopped. */
function lastAssignments(done: ConversationRow[], teamOf: Map<number, number>, now: Date) {
  const latest = new Map<string, { teamId: number; userId: number; at: Date }>();
  done.forEach((c, i) => latest.set(`${teamOf.get(c.id)}:${c.assigneeId}`, { teamId: teamOf.get(c.id)!, userId: c.assigneeId!, at: new Date(now.getTime() + i) }));
  return [...latest.values()];
}

async function recordAutomaticAssignments(tx: Db, emit: Emit, done: ConversationRow[], now: Date) {
  const entries = await insertMessagesOnce(tx, done.map((c) => ({
    workspaceId: c.workspaceId,
    conversationId: c.id,
    channelId: c.channelId,
    kind: 'activity' as const,
    senderType: 'system' as const,
    senderId: null,
    meta: { action: 'assigned', auto: true, from: { assigneeId: null, teamId: c.teamId }, to: { assigneeId: c.assigneeId, teamId: c.teamId }, reason: null },
    createdAt: now,
  })));
  const entryOf = new Map(entries.map((m) => [m.conversationId, m]));
  for (const c of done) {
    emit(conversationEvent(c, 'conversation.assigned', system, { auto: true, reason: null }, { teamId: c.teamId, assigneeId: null, status: 'queued' }));
    emit(conversationEvent(c, 'message.created', system, { message: messageDto(entryOf.get(c.id)!) }));
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
